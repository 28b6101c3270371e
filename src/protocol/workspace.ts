/** A session's own git worktree and what it changed there. */

export interface WorkspaceInfo {
  /** Absolute path of the worktree: the agent's working directory. */
  path: string;
  branch: string;
  /** The commit the branch started from. */
  baseCommit: string;
  /** The branch a merge goes into. */
  baseBranch?: string;
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
}
