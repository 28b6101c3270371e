/** A session's state as the reducer keeps it: the public SessionInfo plus what folding needs. */
import type { BackendId, PersonaId, TaskKind } from '../protocol/ids.js';
import type { PermissionMode } from '../protocol/permissions.js';
import type { SessionInfo, SessionState } from '../protocol/session.js';
import type { WorkspaceInfo } from '../protocol/workspace.js';
import { emptyUsage } from '../usage/usage-totals.js';

export type { SessionState } from '../protocol/session.js';

/** What a session is before any event: from the start request, or from its log's header. */
export interface SessionIdentity {
  sessionId: string;
  beadId?: string;
  persona: PersonaId;
  backendId: BackendId;
  task?: TaskKind;
  model?: string;
  createdAt: number;
  logPath?: string;
  permissionMode?: PermissionMode;
  workspace?: WorkspaceInfo;
}

export function createSessionState(identity: SessionIdentity): SessionState {
  const info: SessionInfo = {
    sessionId: identity.sessionId,
    persona: identity.persona,
    backendId: identity.backendId,
    status: 'starting',
    createdAt: identity.createdAt,
    lastActivity: identity.createdAt,
    turns: 0,
    restarts: 0,
    totals: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
  };
  if (identity.beadId !== undefined) info.beadId = identity.beadId;
  if (identity.task !== undefined) info.task = identity.task;
  if (identity.model !== undefined) info.model = identity.model;
  if (identity.logPath !== undefined) info.logPath = identity.logPath;
  if (identity.permissionMode !== undefined) info.permissionMode = identity.permissionMode;
  if (identity.workspace !== undefined) info.workspace = identity.workspace;
  return { info, lastSeq: 0, usage: emptyUsage() };
}
