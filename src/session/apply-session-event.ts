/**
 * The one reducer of a session: state + event -> state. Pure, so the supervisor (live), the
 * worker (its log footer), log replay and tests all get the same answer from the same events.
 */
import type { SessionInfo } from '../protocol/session.js';
import { eventTurn, isFailureStop, type SessionEvent } from '../protocol/session-events.js';
import { addUsage, beginProcess } from '../usage/usage-totals.js';
import type { SessionState } from './session-state.js';
import { stopText } from './stop-text.js';

export function applySessionEvent(state: SessionState, event: SessionEvent): SessionState {
  const info: SessionInfo = { ...state.info };
  let usage = state.usage;
  if (event.type !== 'stderr' && event.type !== 'notice' && event.at > info.lastActivity) info.lastActivity = event.at;
  // Any event of turn N tells that turn N began (a log read in windows may miss its user event).
  const turn = eventTurn(event);
  if (turn !== undefined && turn > info.turns) info.turns = turn;

  switch (event.type) {
    case 'user':
      info.status = 'running';
      delete info.reason;
      delete info.restart;
      break;
    case 'chunk': {
      const chunk = event.chunk;
      if (chunk.kind === 'session') {
        info.cliSessionId = chunk.cliSessionId;
        if (chunk.model) info.model = chunk.model;
      } else if (chunk.kind === 'usage') {
        usage = addUsage(usage, chunk);
        info.totals = { ...usage.totals };
      }
      break;
    }
    case 'spawn':
      info.pid = event.pid;
      usage = beginProcess(usage);
      break;
    case 'cli-session':
      info.cliSessionId = event.cliSessionId;
      break;
    case 'turn-done':
      endTurn(info, 'done');
      delete info.reason;
      break;
    case 'turn-failed':
      endTurn(info, 'failed');
      info.reason = event.reason;
      break;
    case 'turn-interrupted':
      endTurn(info, 'interrupted');
      info.reason = 'interrupted';
      break;
    case 'exit':
      delete info.pid;
      if (event.abnormal) info.reason = event.reason;
      break;
    case 'worker-died':
      delete info.pid;
      info.reason = `worker thread died: ${event.error}`;
      break;
    case 'restart-scheduled':
      info.status = 'restarting';
      info.restarts += 1;
      info.restart = { attempt: event.attempt, delayMs: event.delayMs, reason: event.reason };
      info.reason = event.reason;
      delete info.pendingPermissions;
      break;
    case 'log-error':
      info.reason = stopText('log-error', event.message);
      break;
    case 'stopped':
      info.status = isFailureStop(event.reason) ? 'failed' : 'stopped';
      info.reason = stopText(event.reason, event.detail);
      delete info.pid;
      delete info.restart;
      delete info.pendingPermissions;
      break;
    case 'permission-requested':
      info.pendingPermissions = [...(info.pendingPermissions ?? []).filter((r) => r.requestId !== event.request.requestId), event.request];
      if (info.status === 'running' || info.status === 'starting') info.status = 'waiting';
      break;
    case 'permission-resolved': {
      const left = (info.pendingPermissions ?? []).filter((r) => r.requestId !== event.requestId);
      if (left.length > 0) info.pendingPermissions = left;
      else delete info.pendingPermissions;
      if (left.length === 0 && info.status === 'waiting') info.status = 'running';
      if (event.scope === 'session' && event.rule && event.decision === 'allow' && !info.sessionRules?.includes(event.rule)) {
        info.sessionRules = [...(info.sessionRules ?? []), event.rule];
      }
      break;
    }
    case 'workspace-changed': {
      const { files, fileCount, added, removed, uncommitted, commits } = event.changes;
      // A long list comes cut, with the whole count beside it.
      info.changes = { files: fileCount ?? files.length, added, removed, uncommitted, commits };
      break;
    }
    case 'workspace-state':
      if (info.workspace) info.workspace = { ...info.workspace, state: event.state };
      break;
    case 'resumed':
      // A revived session works in its kept workspace again.
      if (info.workspace?.state === 'left') info.workspace = { ...info.workspace, state: 'active' };
      break;
    case 'stderr':
    case 'notice':
      break;
  }
  return { info, lastSeq: event.seq > state.lastSeq ? event.seq : state.lastSeq, usage };
}

function endTurn(info: SessionInfo, outcome: NonNullable<SessionInfo['lastTurn']>): void {
  if (info.status !== 'stopped' && info.status !== 'failed') info.status = 'idle';
  info.lastTurn = outcome;
  info.lastTurnOk = outcome === 'done';
  delete info.pendingPermissions;
}

/** Folds events in order onto a state. */
export function foldSessionEvents(state: SessionState, events: Iterable<SessionEvent>): SessionState {
  let next = state;
  for (const event of events) next = applySessionEvent(next, event);
  return next;
}
