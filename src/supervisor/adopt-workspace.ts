/**
 * The workspace a session log names, taken only as troupe's own: the one folder troupe would have
 * made for that session (`<project>/.bp6/worktrees/<session id>`), a branch of troupe's naming, a
 * commit id. A crafted log cannot point troupe at another path or branch; the agent's cwd is worked
 * out again from the project, never read from the file.
 */
import { join, resolve } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import type { WorkspaceInfo } from '../protocol/workspace.js';
import { WORKSPACE_STATES } from '../protocol/workspace.js';
import { isTroupeBranchName } from '../workspaces/branch-name.js';
import { worktreePath } from '../workspaces/paths.js';
import { findRepo } from '../workspaces/repo.js';

const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const BRANCH = /^(?!-)(?!.*\.\.)(?!.*@\{)(?!.*\.lock$)[A-Za-z0-9._\/-]{1,200}$/;

function refuse(logPath: string, field: string, value: unknown, rule: string): never {
  const shown = JSON.stringify(value === undefined ? null : value)?.slice(0, 80);
  throw troupeError('LOG_UNTRUSTED', `session log ${logPath}: field "workspace.${field}" is ${shown}, ${rule}: not resumed`, { field: `workspace.${field}` });
}

export async function adoptedWorkspace(logPath: string, sessionId: string, logged: unknown, projectRoot: string): Promise<WorkspaceInfo> {
  if (typeof logged !== 'object' || logged === null) refuse(logPath, '', logged, 'not a workspace');
  const ws = logged as Record<string, unknown>;
  const path = worktreePath(projectRoot, sessionId);
  if (typeof ws.path !== 'string' || resolve(ws.path) !== path) refuse(logPath, 'path', ws.path, `not this session's folder ${path}`);
  if (!isTroupeBranchName(ws.branch)) refuse(logPath, 'branch', ws.branch, 'not a branch troupe names');
  if (typeof ws.baseCommit !== 'string' || !COMMIT.test(ws.baseCommit)) refuse(logPath, 'baseCommit', ws.baseCommit, 'not a commit id');
  if (ws.baseBranch !== undefined && (typeof ws.baseBranch !== 'string' || !BRANCH.test(ws.baseBranch))) refuse(logPath, 'baseBranch', ws.baseBranch, 'not a branch name');
  if (ws.state !== undefined && !(WORKSPACE_STATES as readonly unknown[]).includes(ws.state)) refuse(logPath, 'state', ws.state, `not one of ${WORKSPACE_STATES.join(', ')}`);
  const repo = await findRepo(projectRoot);
  return {
    path,
    branch: ws.branch,
    baseCommit: ws.baseCommit,
    ...(typeof ws.baseBranch === 'string' ? { baseBranch: ws.baseBranch } : {}),
    cwd: repo?.prefix ? join(path, repo.prefix) : path,
    ...(ws.state !== undefined ? { state: ws.state as WorkspaceInfo['state'] } : {}),
  };
}
