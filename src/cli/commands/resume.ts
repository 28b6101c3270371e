import type { Command } from 'commander';
import { createSupervisor } from '../../supervisor/create-supervisor.js';
import { resumeFromLog } from '../../supervisor/resume-from-log.js';
import { resolveProjectRoot } from '../project-root.js';
import { terminalSafe, terminalSafeJson } from '../../text/terminal-safe.js';
import { ChunkPrinter } from '../chunk-printer.js';
import { printReaped } from '../print-reaped.js';
import { shutdownOnSignal } from '../shutdown-on-signal.js';
import { addSupervisionOptions, supervisionOptions, type SupervisionFlags } from '../supervision-options.js';

interface ResumeFlags extends SupervisionFlags {
  project?: string;
  json?: boolean;
}

export function registerResumeCommand(program: Command): void {
  const command = program
    .command('resume')
    .description('continue a past or interrupted session from its log: same agent conversation, same log')
    .argument('<session-id>', 'session id (or a unique prefix), see `troupe sessions`')
    .argument('<message>', 'the next message to the agent')
    .option('--project <dir>', 'project root (default: nearest folder holding .beads/, else the working directory)')
    .option('--json', 'print the normalized chunks as JSON lines');
  addSupervisionOptions(command).action(async (sessionId: string, message: string, flags: ResumeFlags) => {
    const projectRoot = await resolveProjectRoot(flags.project);
    const { supervisor, reaped } = await createSupervisor({ projectRoot, maxSessions: 2, warmThreads: 1, ...supervisionOptions(flags) });
    printReaped(reaped);
    const removeSignalHandlers = shutdownOnSignal(supervisor);
    const printer = new ChunkPrinter(process.stdout, process.stderr);
    try {
      const id = await resumeFromLog(supervisor, projectRoot, sessionId, message);
      const subscription = supervisor.chunks(id).subscribe((chunk) => {
        if (flags.json) process.stdout.write(`${terminalSafeJson(chunk)}\n`);
        else printer.print(chunk);
      });
      const info = await supervisor.whenSettled(id);
      printer.newline();
      subscription.unsubscribe();
      const ok = info.status === 'idle' && info.lastTurnOk === true;
      if (!ok) process.stderr.write(`troupe: ${info.status === 'idle' ? 'turn failed' : `session ${info.status}`}: ${terminalSafe(info.reason ?? 'no reason given')}\n`);
      process.exitCode = ok ? 0 : 1;
    } finally {
      removeSignalHandlers();
      await supervisor.shutdown();
    }
  });
}
