import type { Command } from 'commander';
import { BACKEND_IDS, type BackendId, type TaskKind } from '../../protocol/index.js';
import { createSupervisor } from '../../supervisor/create-supervisor.js';
import { resolveProjectRoot } from '../project-root.js';
import { printReaped } from '../print-reaped.js';
import { shutdownOnSignal } from '../shutdown-on-signal.js';
import { addSupervisionOptions, supervisionOptions, type SupervisionFlags } from '../supervision-options.js';
import { followSession, turnFailure } from '../follow-session.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import type { PermissionDecision, PermissionMode } from '../../protocol/permissions.js';
import { parseAnswer, parsePermissionMode, parseWorkspaceMode } from '../option-parsers.js';
import { unknownBeadWarning } from '../bead-warning.js';
import { workspaceEnding } from '../workspace-ending.js';

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
  oneShot?: boolean;
  permissions?: PermissionMode;
  answer?: PermissionDecision;
  workspace: 'auto' | 'none';
  base?: string;
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
    .option('--long-lived', 'one agent process fed every turn on stdin (claude: the default, on its control protocol; sim)')
    .option('--one-shot', 'one agent process per turn (for a claude without the control protocol): nobody is asked, the CLI denies what needs approval')
    .option('--permissions <mode>', "what the agent may do without asking: ask, accept-edits, read-only or bypass (default: the persona's policy)", parsePermissionMode)
    .option('--answer <decision>', 'answer every request the policy leaves open with allow or deny (default without a terminal: deny)', parseAnswer)
    .option('--workspace <mode>', 'auto: its own git worktree and branch (in a git project); none: the project root', parseWorkspaceMode, 'auto' as const)
    .option('--base <ref>', "the commit or branch the workspace starts from (default: the project's HEAD)")
    .option('--json', "print the session's events as JSON lines (the first line names the session)");
  addSupervisionOptions(command).action(async (prompt: string, flags: RunFlags) => {
    process.exitCode = await runSession(prompt, flags);
  });
}

async function runSession(prompt: string, flags: RunFlags): Promise<number> {
  const turns = [prompt, ...flags.message];
  const empty = turns.findIndex((text) => text.trim() === '');
  if (empty >= 0) {
    process.stderr.write(`troupe: ${empty === 0 ? 'the prompt' : `message ${empty}`} is empty: say what the agent should do\n`);
    return 1;
  }
  if (flags.permissions === 'bypass') process.stderr.write('troupe: warning: --permissions bypass: the agent does anything without asking anyone\n');
  const projectRoot = await resolveProjectRoot(flags.project);
  const beadWarning = flags.bead ? await unknownBeadWarning(projectRoot, flags.bead) : null;
  if (beadWarning) process.stderr.write(`troupe: ${terminalSafe(beadWarning)}\n`);
  const options = supervisionOptions(flags);
  const { supervisor, reaped } = await createSupervisor({ projectRoot, maxSessions: 4, warmThreads: 1, ...options });
  printReaped(reaped);
  const removeSignalHandlers = shutdownOnSignal(supervisor);
  try {
    const sessionId = await supervisor.start({
      backend: flags.backend,
      persona: flags.persona,
      beadId: flags.bead,
      task: flags.task,
      model: flags.model,
      prompt,
      ...(flags.longLived ? { longLived: true } : flags.oneShot ? { longLived: false } : {}),
      ...(flags.permissions ? { permissions: { mode: flags.permissions } } : {}),
      workspace: flags.workspace,
      ...(flags.base !== undefined ? { workspaceBase: flags.base } : {}),
    });
    if (flags.json) process.stdout.write(`${JSON.stringify({ type: 'session', sessionId })}\n`);
    else process.stderr.write(`troupe: session ${sessionId} (continue it with: troupe resume ${sessionId.slice(0, 8)} "<message>")\n`);
    const follow = followSession(supervisor, sessionId, { json: flags.json === true, maxRestarts: options.restartPolicy?.maxRestarts, ...(flags.answer ? { answer: flags.answer } : {}) });
    let failure: string | null = null;
    for (let index = 0; index < turns.length && failure === null; index += 1) {
      if (index > 0) await supervisor.send(turns[index]!, sessionId);
      failure = turnFailure(await supervisor.whenSettled(sessionId), index + 1);
    }
    follow.stop();
    if (failure) process.stderr.write(`troupe: ${terminalSafe(failure)}\n`);
    return failure ? 1 : 0;
  } finally {
    removeSignalHandlers();
    await supervisor.shutdown();
    // The shutdown let the workspace go (removed when empty, else left): say where the work is.
    const ending = workspaceEnding(supervisor.list()[0]);
    if (ending) process.stderr.write(`troupe: ${terminalSafe(ending)}\n`);
  }
}
