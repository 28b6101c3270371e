/** `troupe worktrees [--json]` and `troupe worktrees prune [--force]`: what troupe left in a project's git. */
import type { Command } from 'commander';
import { terminalSafe, terminalSafeJson } from '../../text/terminal-safe.js';
import { listWorkspaces } from '../../workspaces/list.js';
import { pruneWorkspaces } from '../../workspaces/prune.js';
import { noteWorkspaceRemoved } from '../note-workspace-state.js';
import { resolveProjectRoot } from '../project-root.js';
import { worktreesTable } from '../workspace-text.js';

const PROJECT_HELP = 'project root (default: nearest folder holding .beads/, else the working directory)';

export function registerWorktreesCommand(program: Command): void {
  const command = program
    .command('worktrees')
    .description('every workspace troupe made in this project: live, merged, left with changes, empty, orphaned, kept branches')
    .option('--project <dir>', PROJECT_HELP)
    .option('--json', 'as JSON')
    .action(async (flags: { project?: string; json?: boolean }) => {
      const root = await resolveProjectRoot(flags.project);
      const list = await listWorkspaces(root);
      if (flags.json) process.stdout.write(`${terminalSafeJson(list)}\n`);
      else if (!list.repo) process.stdout.write(terminalSafe(`${root} is not in a git repository: its sessions have no workspaces\n`));
      else process.stdout.write(worktreesTable(list.workspaces));
    });
  command
    .command('prune')
    .description('remove merged and empty workspaces and merged branches; never a live one, nor unmerged work unless --force')
    .option('--project <dir>', PROJECT_HELP)
    .option('--force', 'also remove workspaces with uncommitted or unmerged work (not live ones, not kept branches)')
    .option('--json', 'what was removed and what was kept, as JSON')
    .action(async (flags: { project?: string; force?: boolean; json?: boolean }) => {
      const root = await resolveProjectRoot(flags.project ?? command.opts<{ project?: string }>().project);
      const result = await pruneWorkspaces(root, { force: flags.force === true, onRemoved: (w) => noteWorkspaceRemoved(root, w) });
      if (flags.json) {
        process.stdout.write(`${terminalSafeJson(result)}\n`);
        return;
      }
      const lines = [
        ...result.removed.map((w) => `removed ${w.branch ?? w.path ?? w.sessionId} (${w.state})`),
        ...result.kept.map(({ workspace: w, why }) => `kept ${w.branch ?? w.path ?? w.sessionId}: ${why}`),
      ];
      process.stdout.write(terminalSafe(lines.length > 0 ? `${lines.join('\n')}\n` : 'nothing to prune\n'));
    });
}
