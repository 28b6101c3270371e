/**
 * Before troupe runs git in a workspace it checks the folder still is that workspace: its own
 * checkout (an agent that deleted or rewrote its `.git` file would otherwise make git walk up to
 * the main checkout, and a commit land there), of the project's repository, on its branch.
 */
import { realpath } from 'node:fs/promises';
import { troupeError } from '../errors/troupe-error.js';
import type { WorkspaceInfo } from '../protocol/workspace.js';
import { gitRaw } from './git.js';

export interface GuardOptions {
  /** Also require its own branch to be checked out (commit, merge, keep). */
  onBranch?: boolean;
}

const commonDirs = new Map<string, Promise<string | null>>();

/** The repository's shared git folder as the main checkout sees it (cached per workspaces folder). */
function commonDirOf(workspace: WorkspaceInfo): Promise<string | null> {
  const key = `${workspace.path}/..`;
  let dir = commonDirs.get(key);
  if (!dir) {
    // The workspaces folder is inside the project: git finds the project's repository from there.
    dir = gitRaw(['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: key }).then((r) => (r.exitCode === 0 ? r.stdout.trim() : null), () => null);
    commonDirs.set(key, dir);
    // A failure is not remembered: the next action asks git again.
    void dir.then((found) => {
      if (found === null) commonDirs.delete(key);
    });
  }
  return dir;
}

/** Why troupe must not run git in the workspace's folder, or null when it still is that workspace. */
export async function checkoutProblem(workspace: WorkspaceInfo, options: GuardOptions = {}): Promise<string | null> {
  const real = await realpath(workspace.path).catch(() => null);
  if (!real) return 'is gone';
  const probe = await gitRaw(['rev-parse', '--path-format=absolute', '--show-toplevel', '--git-common-dir', '--symbolic-full-name', 'HEAD'], { cwd: workspace.path });
  const [top, common, head] = probe.stdout.split('\n');
  if (probe.exitCode !== 0 || top !== real) return 'is no longer a git worktree of its own (its .git is gone or changed; `git worktree repair <folder>` in the project restores it)';
  const expected = await commonDirOf(workspace);
  if (!expected || (await realpath(common ?? '').catch(() => common)) !== (await realpath(expected).catch(() => expected))) {
    return "belongs to another repository than the project's";
  }
  if (options.onBranch && head !== `refs/heads/${workspace.branch}`) {
    // `--symbolic-full-name HEAD` says `HEAD` for a detached HEAD.
    const what = head?.startsWith('refs/heads/') ? `branch ${head.slice('refs/heads/'.length)}` : 'a detached HEAD';
    return `has ${what} checked out, not its branch ${workspace.branch}`;
  }
  return null;
}

export async function assertWorkspaceCheckout(workspace: WorkspaceInfo, options: GuardOptions = {}): Promise<void> {
  const why = await checkoutProblem(workspace, options);
  if (why) throw troupeError('WORKSPACE_REFUSED', `${workspace.path} ${why}: troupe does not run git in it`);
}
