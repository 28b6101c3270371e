import type { Command } from 'commander';
import { createSupervisor } from '../../supervisor/create-supervisor.js';
import { resumeFromLog } from '../../supervisor/resume-from-log.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import type { PermissionDecision } from '../../protocol/permissions.js';
import { parseAnswer } from '../option-parsers.js';
import { followSession, turnFailure } from '../follow-session.js';
import { printReaped } from '../print-reaped.js';
import { resolveProjectRoot } from '../project-root.js';
import { shutdownOnSignal } from '../shutdown-on-signal.js';
import { addSupervisionOptions, supervisionOptions, type SupervisionFlags } from '../supervision-options.js';

interface ResumeFlags extends SupervisionFlags {
  project?: string;
  json?: boolean;
  answer?: PermissionDecision;
}

export function registerResumeCommand(program: Command): void {
  const command = program
    .command('resume')
    .description('continue a past or interrupted session from its log: same agent conversation, same log')
    .argument('<session-id>', 'session id (or a unique prefix), see `troupe sessions`')
    .argument('<message>', 'the next message to the agent')
    .option('--project <dir>', 'project root (default: nearest folder holding .beads/, else the working directory)')
    .option('--json', "print the session's events as JSON lines")
    .option('--answer <decision>', 'answer every request the policy leaves open with allow or deny (default without a terminal: deny)', parseAnswer);
  addSupervisionOptions(command).action(async (sessionId: string, message: string, flags: ResumeFlags) => {
    if (message.trim() === '') {
      process.stderr.write('troupe: the message is empty: say what the agent should do next\n');
      process.exitCode = 1;
      return;
    }
    const projectRoot = await resolveProjectRoot(flags.project);
    const options = supervisionOptions(flags);
    const { supervisor, reaped } = await createSupervisor({ projectRoot, maxSessions: 2, warmThreads: 1, ...options });
    printReaped(reaped);
    const removeSignalHandlers = shutdownOnSignal(supervisor);
    try {
      const id = await resumeFromLog(supervisor, projectRoot, sessionId, message);
      const follow = followSession(supervisor, id, { json: flags.json === true, maxRestarts: options.restartPolicy?.maxRestarts, ...(flags.answer ? { answer: flags.answer } : {}) });
      const info = await supervisor.whenSettled(id);
      follow.stop();
      const failure = turnFailure(info, info.turns);
      if (failure) process.stderr.write(`troupe: ${terminalSafe(failure)}\n`);
      process.exitCode = failure ? 1 : 0;
    } finally {
      removeSignalHandlers();
      await supervisor.shutdown();
    }
  });
}
