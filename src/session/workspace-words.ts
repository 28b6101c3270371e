/** One vocabulary for a workspace, everywhere: list, tree, Changes tab, terminal. */
import type { SessionInfo } from '../protocol/session.js';
import type { WorkspaceListState, WorkspaceState } from '../protocol/workspace.js';

export const WORKSPACE_STATE_WORDS: Record<WorkspaceState, string> = {
  active: 'in use',
  left: 'left with changes',
  merged: 'merged',
  discarded: 'discarded',
  kept: 'kept as its branch',
  removed: 'removed (it held no changes)',
};

export const WORKSPACE_LIST_WORDS: Record<WorkspaceListState, string> = {
  live: 'live',
  merged: 'merged',
  'left-with-changes': 'left with changes',
  empty: 'empty',
  orphaned: 'orphaned',
  kept: 'kept branch',
};

/** `+120 −8, 5 files` (with "· uncommitted" when some are not committed). */
export function changesLabel(changes: NonNullable<SessionInfo['changes']>): string {
  const files = `${changes.files} file${changes.files === 1 ? '' : 's'}`;
  return `+${changes.added} −${changes.removed}, ${files}`;
}

/** Is the workspace still there to act on (merge, discard, keep, commit)? */
export function workspaceOpen(info: Pick<SessionInfo, 'workspace'>): boolean {
  const state = info.workspace?.state ?? 'active';
  return info.workspace !== undefined && (state === 'active' || state === 'left');
}
