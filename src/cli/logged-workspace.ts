/**
 * A session's workspace as the CLI reaches it: from the session's log, its workspace checked as
 * troupe's own (adopt-workspace.ts). Actions run through a supervisor that adopts the session (the
 * same code as the dashboard's); a session a running troupe still lists is left to that troupe.
 */
import { findSessionLog } from '../logs/log-files.js';
import { isOwnerAlive } from '../logs/liveness.js';
import { replayLog } from '../logs/replay.js';
import { troupeError } from '../errors/troupe-error.js';
import type { WorkspaceInfo } from '../protocol/workspace.js';
import { adoptedWorkspace } from '../supervisor/adopt-workspace.js';
import { adoptFromLog } from '../supervisor/resume-from-log.js';
import { Supervisor } from '../supervisor/supervisor.js';
import type { WorkspaceApi } from '../supervisor/workspace-actions.js';
import { WORKSPACE_STATE_WORDS, workspaceOpen } from '../session/workspace-words.js';

export interface LoggedWorkspace {
  sessionId: string;
  beadId?: string;
  logPath: string;
  workspace: WorkspaceInfo;
}

/** The workspace the session's log names (read-only use: diff). */
export async function loggedWorkspace(projectRoot: string, sessionIdOrPrefix: string): Promise<LoggedWorkspace> {
  const logPath = await findSessionLog(projectRoot, sessionIdOrPrefix);
  const replay = await replayLog(logPath);
  const header = replay.state.header!;
  if (!header.workspace) throw troupeError('NO_WORKSPACE', `session ${header.sessionId} has no workspace of its own (it worked in the project root)`);
  const workspace = await adoptedWorkspace(logPath, header.sessionId, { ...header.workspace, state: replay.info.workspace?.state }, projectRoot);
  if (!workspaceOpen({ workspace })) {
    throw troupeError('WORKSPACE_REFUSED', `the workspace of session ${header.sessionId} was ${WORKSPACE_STATE_WORDS[workspace.state ?? 'active']}`);
  }
  return { sessionId: header.sessionId, ...(header.beadId !== undefined ? { beadId: header.beadId } : {}), logPath, workspace };
}

/** Runs `act` on the session's workspace through a supervisor of this process that adopted it. */
export async function withAdoptedWorkspace<T>(projectRoot: string, sessionIdOrPrefix: string, act: (workspaces: WorkspaceApi, sessionId: string) => Promise<T>): Promise<T> {
  const logPath = await findSessionLog(projectRoot, sessionIdOrPrefix);
  const replay = await replayLog(logPath);
  const owner = replay.state.owner;
  if (replay.state.ended && owner && (await isOwnerAlive(owner)) && owner.troupePid !== process.pid) {
    throw troupeError('SESSION_BUSY', `session ${replay.info.sessionId} is listed by a running troupe (pid ${owner.troupePid}): act on it from its dashboard`);
  }
  const supervisor = new Supervisor({ projectRoot, warmThreads: 0, maxSessions: 1 });
  try {
    const sessionId = await adoptFromLog(supervisor, logPath);
    return await act(supervisor.workspaces, sessionId);
  } finally {
    await supervisor.shutdown();
  }
}
