/** `troupe diff | commit | merge | discard | keep <session>`: a session's workspace from the terminal. */
import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { isTroupeError, troupeError } from '../../errors/troupe-error.js';
import { terminalSafe, terminalSafeJson } from '../../text/terminal-safe.js';
import { workspaceDiff } from '../../workspaces/changes.js';
import { loggedWorkspace, withAdoptedWorkspace } from '../logged-workspace.js';
import { resolveProjectRoot } from '../project-root.js';
import { diffBody, diffSummary } from '../workspace-text.js';
import { fileSummary, uncommittedFiles } from '../../workspaces/uncommitted.js';
import { commitsBetween } from '../../workspaces/repo.js';

interface ProjectFlags {
  project?: string;
}

const PROJECT_HELP = 'project root (default: nearest folder holding .beads/, else the working directory)';
const SESSION_HELP = 'session id (or a unique prefix), see `troupe sessions`';

export function registerWorkspaceCommands(program: Command): void {
  program
    .command('diff')
    .description("a session's changes in its workspace against its base: files, counts, the diff")
    .argument('<session>', SESSION_HELP)
    .option('--project <dir>', PROJECT_HELP)
    .option('--stat', 'the files and counts only')
    .option('--json', 'the changes and the diff as one JSON object')
    .action(async (session: string, flags: ProjectFlags & { stat?: boolean; json?: boolean }) => {
      const root = await resolveProjectRoot(flags.project);
      const found = await loggedWorkspace(root, session);
      const diff = await workspaceDiff(found.workspace);
      if (flags.json) process.stdout.write(`${terminalSafeJson({ sessionId: found.sessionId, ...diff })}\n`);
      else process.stdout.write(`${diffSummary(found.sessionId, diff)}\n${flags.stat ? '' : `\n${diffBody(diff)}`}`);
    });

  program
    .command('commit')
    .description("commit what the agent left uncommitted in a session's workspace")
    .argument('<session>', SESSION_HELP)
    .option('-m, --message <text>', 'the commit message (default: the bead and the words of the turn)')
    .option('--project <dir>', PROJECT_HELP)
    .action(async (session: string, flags: ProjectFlags & { message?: string }) => {
      const root = await resolveProjectRoot(flags.project);
      const result = await withAdoptedWorkspace(root, session, (ws, id) => ws.commit(id, flags.message));
      process.stdout.write(`committed ${result.files} file(s): ${result.commit.slice(0, 12)}\n`);
    });

  program
    .command('merge')
    .description("merge a session's branch into its base branch (fast-forward, else a merge commit), then remove its worktree and branch")
    .argument('<session>', SESSION_HELP)
    .option('--project <dir>', PROJECT_HELP)
    .action(async (session: string, flags: ProjectFlags) => {
      const root = await resolveProjectRoot(flags.project);
      try {
        const outcome = await withAdoptedWorkspace(root, session, (ws, id) => ws.merge(id));
        const how = outcome.kind === 'up-to-date' ? 'nothing to merge' : outcome.kind === 'fast-forward' ? 'fast-forward' : 'a merge commit';
        process.stdout.write(`merged into ${terminalSafe(outcome.baseBranch)} (${how}): ${outcome.commit.slice(0, 12)}; its worktree and branch are removed\n`);
      } catch (error) {
        if (!isTroupeError(error, 'WORKSPACE_CONFLICT')) throw error;
        const files = (error.details?.files as string[] | undefined) ?? [];
        process.stderr.write(`troupe: ${terminalSafe(error.message)}\n${files.map((f) => `  conflict: ${terminalSafe(f)}\n`).join('')}`);
        process.exitCode = 1;
      }
    });

  program
    .command('discard')
    .description("remove a session's worktree and its branch, and what is in them (asks first)")
    .argument('<session>', SESSION_HELP)
    .option('--yes', 'do not ask (needed without a terminal)')
    .option('--project <dir>', PROJECT_HELP)
    .action(async (session: string, flags: ProjectFlags & { yes?: boolean }) => {
      const root = await resolveProjectRoot(flags.project);
      const found = await loggedWorkspace(root, session);
      const files = await uncommittedFiles(found.workspace.path).catch(() => [] as string[]);
      const commits = await commitsBetween(found.workspace.path, found.workspace.baseCommit, 'HEAD').catch(() => 0);
      const loss = `${files.length} uncommitted file(s)${files.length > 0 ? ` (${fileSummary(files, 10)})` : ''} and ${commits} commit(s) on ${found.workspace.branch}`;
      if (!flags.yes) {
        if (!process.stdin.isTTY) throw troupeError('WORKSPACE_REFUSED', `discard would lose ${loss}: pass --yes to confirm without a terminal`);
        const ask = createInterface({ input: process.stdin, output: process.stderr });
        const answer = await ask.question(terminalSafe(`This loses ${loss}. Discard? [y/N] `));
        ask.close();
        if (!/^y(es)?$/i.test(answer.trim())) {
          process.stderr.write('troupe: nothing discarded\n');
          return;
        }
      }
      await withAdoptedWorkspace(root, found.sessionId, (ws, id) => ws.discard(id));
      process.stdout.write(terminalSafe(`discarded ${loss}\n`));
    });

  program
    .command('keep')
    .description("end a session's workspace but keep its branch (its worktree is removed; commit first)")
    .argument('<session>', SESSION_HELP)
    .option('--project <dir>', PROJECT_HELP)
    .action(async (session: string, flags: ProjectFlags) => {
      const root = await resolveProjectRoot(flags.project);
      const { branch } = await withAdoptedWorkspace(root, session, (ws, id) => ws.keep(id));
      process.stdout.write(terminalSafe(`kept the branch ${branch}; its worktree is removed\n`));
    });
}
