/**
 * Ends a workspace: removes its worktree (only one git lists, under the project's worktrees
 * folder), and its branch unless it is kept. Safe to run again after a half-finished removal.
 */
import { troupeError } from '../errors/troupe-error.js';
import type { WorkspaceInfo } from '../protocol/workspace.js';
import { isTroupeBranchName } from './branch-name.js';
import { git } from './git.js';
import { isOwnWorktreePath } from './paths.js';
import { branchExists } from './repo.js';
import { fileSummary, uncommittedFiles } from './uncommitted.js';
import { listGitWorktrees } from './worktree-list.js';
import { realpath } from 'node:fs/promises';
import { withRepoLock } from './repo-lock.js';
import { assertWorkspaceCheckout } from './checkout-guard.js';

export interface RemoveOptions {
  /** Keep the branch (the work stays reachable as it). */
  keepBranch?: boolean;
}

export function removeWorkspace(projectRoot: string, workspace: WorkspaceInfo, options: RemoveOptions = {}): Promise<void> {
  return withRepoLock(projectRoot, () => removeNow(projectRoot, workspace, options));
}

async function removeNow(projectRoot: string, workspace: WorkspaceInfo, options: RemoveOptions): Promise<void> {
  if (!isTroupeBranchName(workspace.branch)) throw troupeError('WORKSPACE_REFUSED', `${JSON.stringify(workspace.branch)} is not a branch troupe made: not removed`);
  const listed = workspace.path ? await listedWorktree(projectRoot, workspace.path) : null;
  if (listed) {
    if (!(await isOwnWorktreePath(projectRoot, workspace.path))) {
      throw troupeError('UNSAFE_PATH', `${workspace.path} is not a folder of ${projectRoot}/.bp6/worktrees: not removed`);
    }
    // git refuses to remove a worktree whose .git an agent broke; say why in troupe's words.
    await assertWorkspaceCheckout(workspace);
    await git(['worktree', 'remove', '--force', '--force', '--', listed], { cwd: projectRoot });
  }
  // A folder already deleted by hand leaves git's record of it behind.
  await git(['worktree', 'prune'], { cwd: projectRoot });
  if (!options.keepBranch && (await branchExists(projectRoot, workspace.branch))) {
    await git(['branch', '--quiet', '-D', '--', workspace.branch], { cwd: projectRoot }).catch(async (error: unknown) => {
      // `branch -D --` is refused by old gits; the name was checked to be troupe's own.
      if (!(await branchExists(projectRoot, workspace.branch))) return;
      await git(['branch', '--quiet', '-D', workspace.branch], { cwd: projectRoot }).catch(() => {
        throw error;
      });
    });
  }
}

/** Keep: the branch stays, the worktree goes. Uncommitted work would be lost, so it is refused. */
export async function keepWorkspace(projectRoot: string, workspace: WorkspaceInfo): Promise<void> {
  await assertWorkspaceCheckout(workspace, { onBranch: true });
  const pending = await uncommittedFiles(workspace.path);
  if (pending.length > 0) {
    throw troupeError('WORKSPACE_REFUSED', `${pending.length} file(s) not committed (${fileSummary(pending)}): commit them first, or they would be lost with the worktree`);
  }
  await removeWorkspace(projectRoot, workspace, { keepBranch: true });
}

/** The path git has for this worktree (compared after symlinks), if git lists it. */
async function listedWorktree(projectRoot: string, path: string): Promise<string | null> {
  const wanted = await realpath(path).catch(() => null);
  if (!wanted) return null;
  for (const worktree of await listGitWorktrees(projectRoot)) {
    if ((await realpath(worktree.path).catch(() => null)) === wanted) return worktree.path;
  }
  return null;
}
