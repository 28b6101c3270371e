import type { Command } from 'commander';
import { BACKEND_IDS, type BackendId, type TaskKind } from '../../protocol/index.js';
import { createSupervisor } from '../../supervisor/create-supervisor.js';
import { resolveProjectRoot } from '../project-root.js';
import { terminalSafe, terminalSafeJson } from '../../text/terminal-safe.js';
import { ChunkPrinter } from '../chunk-printer.js';
import { printReaped } from '../print-reaped.js';
import { shutdownOnSignal } from '../shutdown-on-signal.js';
import { addSupervisionOptions, supervisionOptions, type SupervisionFlags } from '../supervision-options.js';

interface RunFlags extends SupervisionFlags {
  backend: BackendId;
  persona: string;
  bead?: string;
  task?: TaskKind;
  model?: string;
  project?: string;
  message: string[];
  json?: boolean;
  longLived?: boolean;
}

export function registerRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('run one agent session in the terminal; each -m runs another turn of the same conversation')
    .argument('<prompt>', 'what to ask the agent')
    .option('--backend <id>', `agent CLI: ${BACKEND_IDS.join(', ')}`, 'sim')
    .option('--persona <id>', 'product-manager, qa-engineer, specialist, or a project persona', 'specialist')
    .option('--bead <id>', 'the bead this session works on')
    .option('--task <task>', 'chat, implement, decompose or verify')
    .option('--model <model>', 'model for the agent CLI')
    .option('--project <dir>', 'project root (default: nearest folder holding .beads/, else the working directory)')
    .option('-m, --message <text>', 'a follow-up turn (repeatable)', (value: string, all: string[]) => [...all, value], [])
    .option('--long-lived', 'one agent process fed every turn on stdin (claude, sim)')
    .option('--json', 'print the normalized chunks as JSON lines');
  addSupervisionOptions(command).action(async (prompt: string, flags: RunFlags) => {
    process.exitCode = await runSession(prompt, flags);
  });
}

async function runSession(prompt: string, flags: RunFlags): Promise<number> {
  const projectRoot = await resolveProjectRoot(flags.project);
  const { supervisor, reaped } = await createSupervisor({
    projectRoot,
    maxSessions: 4,
    warmThreads: 1,
    ...supervisionOptions(flags),
  });
  printReaped(reaped);
  const removeSignalHandlers = shutdownOnSignal(supervisor);
  const printer = new ChunkPrinter(process.stdout, process.stderr);
  try {
    const sessionId = await supervisor.start({
      backend: flags.backend,
      persona: flags.persona,
      beadId: flags.bead,
      task: flags.task,
      model: flags.model,
      prompt,
      longLived: flags.longLived,
    });
    const subscription = supervisor.chunks(sessionId).subscribe((chunk) => {
      if (flags.json) process.stdout.write(`${terminalSafeJson(chunk)}\n`);
      else printer.print(chunk);
    });
    const turns = [prompt, ...flags.message];
    let failure: string | null = null;
    for (let index = 0; index < turns.length && failure === null; index += 1) {
      if (index > 0) await supervisor.send(turns[index]!, sessionId);
      const info = await supervisor.whenSettled(sessionId);
      if (info.status !== 'idle') failure = `session ${info.status}: ${info.reason ?? 'no reason given'}`;
      else if (!info.lastTurnOk) failure = `turn ${index + 1} failed: ${info.reason ?? 'the agent reported an error'}`;
    }
    if (!flags.json) printer.newline();
    subscription.unsubscribe();
    if (failure) process.stderr.write(`troupe: ${terminalSafe(failure)}\n`);
    return failure ? 1 : 0;
  } finally {
    removeSignalHandlers();
    await supervisor.shutdown();
  }
}
