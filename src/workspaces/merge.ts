/**
 * Merges a workspace's branch into its base branch: a fast-forward when the base has not moved,
 * else a merge commit. Whether it conflicts is found first with `git merge-tree`, which touches no
 * checkout: a conflict is reported with its files and nothing at all has changed. Where the base
 * branch is checked out (usually the main checkout), git itself updates that checkout, and refuses
 * (changing nothing) when a person's own uncommitted changes there are in the way.
 */
import { troupeError } from '../errors/troupe-error.js';
import type { MergeOutcome, WorkspaceInfo } from '../protocol/workspace.js';
import { git, gitRaw, nulFields } from './git.js';
import { commitIdentityEnv } from './identity.js';
import { branchTip, commitsBetween, isAncestor, resolveCommit } from './repo.js';
import { fileSummary, uncommittedFiles } from './uncommitted.js';
import { worktreeOfBranch } from './worktree-list.js';
import { withRepoLock } from './repo-lock.js';
import { assertWorkspaceCheckout } from './checkout-guard.js';

export function mergeWorkspace(projectRoot: string, workspace: WorkspaceInfo, message: string): Promise<MergeOutcome> {
  return withRepoLock(projectRoot, () => mergeNow(projectRoot, workspace, message));
}

async function mergeNow(projectRoot: string, workspace: WorkspaceInfo, message: string): Promise<MergeOutcome> {
  const baseBranch = workspace.baseBranch;
  if (!baseBranch) {
    throw troupeError('WORKSPACE_REFUSED', `no base branch to merge into: the workspace started from a detached HEAD (${workspace.baseCommit.slice(0, 12)}); merge ${workspace.branch} by hand`);
  }
  await assertWorkspaceCheckout(workspace, { onBranch: true });
  const pending = await uncommittedFiles(workspace.path);
  if (pending.length > 0) {
    throw troupeError('WORKSPACE_REFUSED', `${pending.length} file(s) not committed (${fileSummary(pending)}): commit them first, or discard the workspace`);
  }
  const tip = await branchTip(projectRoot, workspace.branch);
  const baseTip = await branchTip(projectRoot, baseBranch);
  if ((await commitsBetween(projectRoot, baseTip, tip)) === 0) return { kind: 'up-to-date', commit: baseTip, baseBranch };
  const checkout = await worktreeOfBranch(projectRoot, baseBranch);

  if (await isAncestor(projectRoot, baseTip, tip)) {
    if (checkout) await inCheckout(checkout.path, ['merge', '--ff-only', '--quiet', tip], baseBranch);
    else await git(['update-ref', `refs/heads/${baseBranch}`, tip, baseTip], { cwd: projectRoot });
    return { kind: 'fast-forward', commit: tip, baseBranch };
  }

  const tree = await mergeTree(projectRoot, baseTip, tip);
  if ('conflicts' in tree) {
    throw troupeError('WORKSPACE_CONFLICT', `merging ${workspace.branch} into ${baseBranch} conflicts in ${fileSummary(tree.conflicts)}: nothing was changed`, {
      files: tree.conflicts,
    });
  }
  const env = await commitIdentityEnv(projectRoot);
  if (checkout) {
    await inCheckout(checkout.path, ['merge', '--no-ff', '--no-edit', '--quiet', '-m', message, tip], baseBranch, env);
    const commit = await resolveCommit(checkout.path, 'HEAD');
    return { kind: 'merge-commit', commit: commit ?? tip, baseBranch };
  }
  const commit = (await git(['commit-tree', tree.tree, '-p', baseTip, '-p', tip, '-F', '-'], { cwd: projectRoot, input: `${message}\n`, env })).stdout.trim();
  await git(['update-ref', `refs/heads/${baseBranch}`, commit, baseTip], { cwd: projectRoot });
  return { kind: 'merge-commit', commit, baseBranch };
}

/** The merged tree, or the files that conflict; writes objects only, never a checkout or a ref. */
async function mergeTree(cwd: string, ours: string, theirs: string): Promise<{ tree: string } | { conflicts: string[] }> {
  const result = await git(['merge-tree', '--write-tree', '--name-only', '--no-messages', '-z', ours, theirs], { cwd, okCodes: [1] });
  const [tree = '', ...files] = nulFields(result.stdout);
  if (result.exitCode === 0) return { tree: tree.trim() };
  return { conflicts: [...new Set(files.filter((f) => f !== ''))] };
}

/**
 * A merge in the checkout where the base branch is: git refuses before it changes anything when
 * that checkout's own changes are in the way; a merge it could not finish is aborted.
 */
async function inCheckout(path: string, args: string[], baseBranch: string, env?: Record<string, string>): Promise<void> {
  const result = await gitRaw(args, { cwd: path, env });
  if (result.exitCode === 0) return;
  const merging = await gitRaw(['rev-parse', '-q', '--verify', 'MERGE_HEAD'], { cwd: path });
  if (merging.exitCode === 0) await gitRaw(['merge', '--abort'], { cwd: path });
  const why = (result.stderr || result.stdout).trim().split('\n').slice(0, 4).join(' / ');
  throw troupeError('WORKSPACE_REFUSED', `git would not merge into ${baseBranch} in ${path}: ${why}`);
}
