/**
 * Whether a new session gets a workspace of its own, and making it: a session that may write, in a
 * git project, started without an explicit cwd or `workspace: 'none'`. A workspace that cannot be
 * made fails the start with git's reason, rather than letting the agent loose in the shared checkout.
 */
import { messageOf, troupeError, isTroupeError } from '../errors/troupe-error.js';
import type { SessionSpec } from '../protocol/session.js';
import type { WorkspaceInfo } from '../protocol/workspace.js';
import { createWorkspace } from '../workspaces/create.js';

export interface SessionWorkspace {
  worktree?: WorkspaceInfo;
  /** Said in the log: why a session in a git project has none. */
  note?: string;
}

export function wantsWorkspace(spec: SessionSpec): boolean {
  // Until permission modes carry more, read-only is the one policy that never writes.
  return spec.workspace !== 'none' && spec.permissions?.mode !== 'read-only' && spec.cwd === undefined;
}

export async function workspaceForSpec(spec: SessionSpec, sessionId: string, projectRoot: string): Promise<SessionWorkspace> {
  if (!wantsWorkspace(spec)) {
    if (spec.workspaceBase !== undefined) throw troupeError('INVALID_ARGUMENT', 'a workspace base was given for a session without a workspace');
    return {};
  }
  let result;
  try {
    result = await createWorkspace({ projectRoot, sessionId, beadId: spec.beadId, base: spec.workspaceBase });
  } catch (error) {
    if (isTroupeError(error) && error.code !== 'GIT_FAILED') throw error;
    throw troupeError('GIT_FAILED', `cannot make the session's workspace: ${messageOf(error)} (with workspace "none" it works in the project root)`);
  }
  if ('skipped' in result) return result.tell ? { note: result.skipped } : {};
  return { worktree: result.workspace };
}
