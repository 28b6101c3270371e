/** A session's own git worktree and what it changed there. */

/**
 * `active`: the session works in it; `left`: the session ended with changes there and it was kept
 * for a person to merge or discard; the others: it is gone (`kept`: its branch stays).
 */
export type WorkspaceState = 'active' | 'left' | 'merged' | 'discarded' | 'kept' | 'removed';
export const WORKSPACE_STATES: readonly WorkspaceState[] = ['active', 'left', 'merged', 'discarded', 'kept', 'removed'];

export interface WorkspaceInfo {
  /** Absolute path of the worktree (`<project>/.bp6/worktrees/<session id>`). */
  path: string;
  branch: string;
  /** The commit the branch started from. */
  baseCommit: string;
  /** The branch a merge goes into. */
  baseBranch?: string;
  /** The agent's working directory: the worktree, or the project's folder inside it. */
  cwd?: string;
  /** Set once the workspace is no longer simply in use (default `active`). */
  state?: WorkspaceState;
}

export interface WorkspaceFileChange {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'untracked';
  added: number;
  removed: number;
  oldPath?: string;
  binary?: boolean;
}

export interface WorkspaceChanges {
  files: WorkspaceFileChange[];
  added: number;
  removed: number;
  /** Commits on the branch since its base. */
  commits: number;
  /** Changes not committed yet. */
  uncommitted: boolean;
  /** The file list was cut at its bound. */
  truncated?: boolean;
  /** Files in all, when the list was cut. */
  fileCount?: number;
}

/** What a person reviews: the changes and the unified diff against the base (bounded). */
export interface WorkspaceDiff {
  workspace: WorkspaceInfo;
  changes: WorkspaceChanges;
  /** `git diff` of base..worktree (uncommitted and untracked files included). */
  diff: string;
  /** The diff was cut at `diffLimitBytes` (at a line end); the rest is not shown. */
  diffCut?: boolean;
  diffLimitBytes: number;
}

/** How a merge went in. */
export interface MergeOutcome {
  kind: 'fast-forward' | 'merge-commit' | 'up-to-date';
  /** The base branch's new tip. */
  commit: string;
  baseBranch: string;
}

/** What troupe knows of one workspace it made, as `troupe worktrees` lists it. */
export type WorkspaceListState = 'live' | 'merged' | 'left-with-changes' | 'empty' | 'orphaned' | 'kept';

export interface WorkspaceListing {
  sessionId: string;
  beadId?: string;
  branch?: string;
  /** Absent for a kept branch (its worktree was removed). */
  path?: string;
  baseBranch?: string;
  baseCommit?: string;
  state: WorkspaceListState;
  /** Files not committed (0 when none or unknown). */
  uncommitted: number;
  /** Commits on the branch the base branch does not have. */
  unmerged: number;
  /** Why it is in that state, in a few words. */
  note?: string;
  /** Its folder is no longer its own git worktree (an agent broke its `.git`): troupe leaves it to a person. */
  broken?: boolean;
}
