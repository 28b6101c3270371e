/**
 * A session's state rebuilt from its log: the session reducer folded over the events, plus what
 * only the log knows (header, owner, footer). Pure: fed one record at a time, oldest first.
 */
import type { BackendId, TaskKind } from '../protocol/ids.js';
import { PERMISSION_MODES, type PermissionMode } from '../protocol/permissions.js';
import type { SessionInfo } from '../protocol/session.js';
import { applySessionEvent } from '../session/apply-session-event.js';
import { createSessionState, type SessionState } from '../session/session-state.js';
import { stopText } from '../session/stop-text.js';
import { isFailureStop } from '../protocol/session-events.js';
import type { LogFooter, LogHeader, LogOwner, LogRecord } from './records.js';

export interface ReplayState {
  header: LogHeader | null;
  session: SessionState;
  /** The last record applied was a footer. */
  ended: boolean;
  footer: LogFooter | null;
  /** The troupe process that last took the session on (the header's, or a later resume's). */
  owner: LogOwner | null;
  records: number;
  /** Highest restart attempt seen: a lower bound of the restarts when the middle of a log was not read. */
  lastRestartAttempt: number;
  /** The status the session had when it was last stopped (a turn in flight, or waiting for a person). */
  stoppedWhile?: SessionInfo['status'];
}

export function createReplayState(logPath?: string): ReplayState {
  return {
    header: null,
    session: createSessionState({ sessionId: '', persona: '', backendId: 'sim', createdAt: 0, logPath }),
    ended: false,
    footer: null,
    owner: null,
    records: 0,
    lastRestartAttempt: 0,
  };
}

/** Shown as the session's mode; a value that is not one is left out. */
function loggedMode(value: unknown): PermissionMode | undefined {
  return PERMISSION_MODES.find((mode) => mode === value);
}

export function replayInfo(state: ReplayState): SessionInfo {
  return state.session.info;
}

export function applyLogRecord(state: ReplayState, record: LogRecord): void {
  state.records += 1;
  // A person may act on an ended session's workspace: those events follow the footer and leave it ended.
  if (record.type !== 'workspace-state' && record.type !== 'workspace-changed') state.ended = false;
  switch (record.type) {
    case 'header':
      state.header = record;
      state.owner = { troupePid: record.troupePid, troupeStartTime: record.troupeStartTime };
      state.session = createSessionState({
        sessionId: record.sessionId,
        beadId: record.beadId,
        persona: record.persona,
        backendId: record.backend as BackendId,
        task: record.task as TaskKind | undefined,
        model: record.model,
        createdAt: record.startedAt,
        logPath: state.session.info.logPath,
        permissionMode: loggedMode(record.spec?.permissionMode),
        ...(record.workspace ? { workspace: record.workspace } : {}),
      });
      return;
    case 'footer': {
      state.ended = true;
      state.footer = record;
      // The footer's totals are the worker's own count: they win where the middle was not read.
      const info = { ...state.session.info };
      info.turns = Math.max(info.turns, record.totals.turns);
      info.restarts = Math.max(info.restarts, record.totals.restarts);
      info.totals = { inputTokens: record.totals.inputTokens, outputTokens: record.totals.outputTokens, costUsd: record.totals.costUsd };
      info.status = isFailureStop(record.reason) ? 'failed' : 'stopped';
      info.reason = stopText(record.reason, record.detail);
      if (record.endedAt > info.lastActivity) info.lastActivity = record.endedAt;
      delete info.pid;
      delete info.restart;
      delete info.pendingPermissions;
      state.session = { ...state.session, info };
      return;
    }
    case 'resumed':
      if (record.troupePid > 0) state.owner = { troupePid: record.troupePid, troupeStartTime: record.troupeStartTime };
      break;
    case 'restart-scheduled':
      state.lastRestartAttempt = Math.max(state.lastRestartAttempt, record.attempt);
      break;
    case 'stopped':
      state.stoppedWhile = state.session.info.status;
      break;
    default:
      break;
  }
  state.session = applySessionEvent(state.session, record);
}
