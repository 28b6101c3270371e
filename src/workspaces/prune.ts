/**
 * `troupe worktrees prune`: removes what troupe left that holds nothing — merged or empty
 * workspaces, merged branches — and never a live one. Work that is not merged (uncommitted files,
 * commits the base lacks) is kept unless `force`; a branch a person kept stays until it is merged.
 */
import type { WorkspaceInfo, WorkspaceListing } from '../protocol/workspace.js';
import { listWorkspaces, type ListOptions } from './list.js';
import { removeWorkspace } from './remove.js';

export interface PruneResult {
  removed: WorkspaceListing[];
  kept: { workspace: WorkspaceListing; why: string }[];
}

export interface PruneOptions extends ListOptions {
  force?: boolean;
  /** Told of each workspace removed (e.g. to note it in its session's log). */
  onRemoved?: (workspace: WorkspaceListing) => Promise<void>;
}

export async function pruneWorkspaces(projectRoot: string, options: PruneOptions = {}): Promise<PruneResult> {
  const result: PruneResult = { removed: [], kept: [] };
  for (const workspace of (await listWorkspaces(projectRoot, options)).workspaces) {
    const why = reasonToKeep(workspace, options.force === true);
    if (why) {
      result.kept.push({ workspace, why });
      continue;
    }
    if (!workspace.branch) {
      result.kept.push({ workspace, why: workspace.note ?? 'not a git worktree' });
      continue;
    }
    const info: WorkspaceInfo = { path: workspace.path ?? '', branch: workspace.branch, baseCommit: workspace.baseCommit ?? '' };
    await removeWorkspace(projectRoot, info);
    result.removed.push(workspace);
    await options.onRemoved?.(workspace);
  }
  return result;
}

function reasonToKeep(workspace: WorkspaceListing, force: boolean): string | null {
  // Not even --force: troupe cannot tell what is in it, and git would refuse to remove it.
  if (workspace.broken) return workspace.note ?? 'not its own git worktree any more';
  switch (workspace.state) {
    case 'live':
      return 'its session is running';
    case 'merged':
    case 'empty':
      return null;
    case 'kept':
      return 'a kept branch, not merged yet';
    case 'left-with-changes':
    case 'orphaned':
      if (force) return null;
      if (workspace.uncommitted > 0) return `${workspace.uncommitted} uncommitted file(s): --force removes them`;
      if (workspace.unmerged > 0) return `${workspace.unmerged} commit(s) not merged: --force removes them`;
      return null;
  }
}
