/**
 * A session's workspace: a git worktree on a new branch, made before its agent starts. A project
 * that is not in a git repository (or has no commit yet) has none, and the session runs in the
 * project root as before.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import type { WorkspaceInfo } from '../protocol/workspace.js';
import { assertBranchName, workspaceBranch } from './branch-name.js';
import { writeBranchNotes } from './branch-config.js';
import { git } from './git.js';
import { prepareWorktreesFolder, worktreePath } from './paths.js';
import { branchExists, currentBranch, findRepo, resolveCommit } from './repo.js';
import { withRepoLock } from './repo-lock.js';

export interface CreateWorkspaceRequest {
  projectRoot: string;
  sessionId: string;
  beadId?: string;
  /** A commit or branch to start from; default the project's HEAD. */
  base?: string;
}

export type CreateWorkspaceResult =
  | { workspace: WorkspaceInfo }
  /** No workspace: why, and whether that deserves a word in the log (a git project that could not have one). */
  | { skipped: string; tell: boolean };

export async function createWorkspace(request: CreateWorkspaceRequest): Promise<CreateWorkspaceResult> {
  const { projectRoot, sessionId } = request;
  const repo = await findRepo(projectRoot);
  if (!repo) {
    if (request.base !== undefined) throw troupeError('NO_WORKSPACE', `a workspace base was given, but ${projectRoot} is not in a git repository`);
    return { skipped: 'the project is not in a git repository', tell: false };
  }
  const baseCommit = await resolveCommit(projectRoot, request.base ?? 'HEAD');
  if (!baseCommit) {
    if (request.base !== undefined) throw troupeError('INVALID_ARGUMENT', `the workspace base ${JSON.stringify(request.base.slice(0, 100))} names no commit of this repository`);
    return { skipped: 'the repository has no commit yet, so the session works in the project root', tell: true };
  }
  const baseBranch = request.base === undefined ? await currentBranch(projectRoot) : (await branchExists(projectRoot, request.base)) ? request.base : undefined;

  const path = worktreePath(projectRoot, sessionId);
  const branch = await withRepoLock(projectRoot, async () => {
    let name = workspaceBranch(request.beadId, sessionId);
    if (await branchExists(projectRoot, name)) name = workspaceBranch(request.beadId, sessionId, true);
    if (await branchExists(projectRoot, name)) throw troupeError('WORKSPACE_REFUSED', `the branch ${name} exists already`);
    await assertBranchName(name, projectRoot);
    await prepareWorktreesFolder(projectRoot);
    await git(['worktree', 'add', '--quiet', '--no-track', '-b', name, '--', path, baseCommit], { cwd: projectRoot });
    await writeBranchNotes(projectRoot, name, { session: sessionId, baseCommit, ...(baseBranch ? { baseBranch } : {}) });
    return name;
  });
  // The agent works where the project sits in the repository (a project in a subfolder of it).
  const cwd = repo.prefix ? join(path, repo.prefix) : path;
  if (repo.prefix) await mkdir(cwd, { recursive: true });
  return { workspace: { path, branch, baseCommit, ...(baseBranch ? { baseBranch } : {}), cwd } };
}

/**
 * A workspace removed because it held nothing, made again for its revived session: the same
 * folder and branch from the same base, so the session goes on as if it had never gone.
 */
export async function reopenWorkspace(projectRoot: string, sessionId: string, workspace: WorkspaceInfo): Promise<void> {
  if (workspace.path !== worktreePath(projectRoot, sessionId)) throw troupeError('UNSAFE_PATH', `${workspace.path} is not the workspace folder of session ${sessionId}`);
  await assertBranchName(workspace.branch, projectRoot);
  await withRepoLock(projectRoot, async () => {
    await prepareWorktreesFolder(projectRoot);
    const exists = await branchExists(projectRoot, workspace.branch);
    const args = exists ? ['--', workspace.path, workspace.branch] : ['-b', workspace.branch, '--', workspace.path, workspace.baseCommit];
    await git(['worktree', 'add', '--quiet', '--no-track', ...args], { cwd: projectRoot });
    await writeBranchNotes(projectRoot, workspace.branch, { session: sessionId, baseCommit: workspace.baseCommit, ...(workspace.baseBranch ? { baseBranch: workspace.baseBranch } : {}) });
  });
}
