/**
 * Rebuilds a session's state from its records, applied oldest first. Pure: the supervisor can use
 * it on records it holds, the reader on records it streams from disk.
 */
import type { BackendId, TaskKind } from '../protocol/ids.js';
import type { SessionInfo } from '../protocol/session.js';
import { UsageAccumulator } from '../usage/usage-totals.js';
import { recordCliSessionId, recordTime, recordTurn } from './record-fields.js';
import type { LogHeader, LogOwner, LogRecord } from './records.js';

export interface ReplayState {
  header: LogHeader | null;
  info: SessionInfo;
  /** Highest chunk sequence number seen: a resumed session numbers on from here. */
  lastSeq: number;
  /** The last record applied was a footer. */
  ended: boolean;
  /** The troupe process that last took the session on (the header's, or a later resume's). */
  owner: LogOwner | null;
  records: number;
  restartRecords: number;
  lastRestartAttempt: number;
  /** Usage added up by the same rules as the worker and the supervisor (scopes turn, process, thread). */
  usage: UsageAccumulator;
}

export function createReplayState(logPath?: string): ReplayState {
  return {
    header: null,
    info: {
      sessionId: '',
      persona: '',
      backendId: 'sim',
      status: 'starting',
      createdAt: 0,
      lastActivity: 0,
      turns: 0,
      restarts: 0,
      totals: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      logPath,
    },
    lastSeq: 0,
    ended: false,
    owner: null,
    records: 0,
    restartRecords: 0,
    lastRestartAttempt: 0,
    usage: new UsageAccumulator(),
  };
}

export function applyLogRecord(state: ReplayState, record: LogRecord): void {
  const info = state.info;
  state.records += 1;
  state.ended = false;
  info.lastActivity = Math.max(info.lastActivity, recordTime(record));
  const turn = recordTurn(record);
  if (turn !== undefined) info.turns = Math.max(info.turns, turn);
  const cliSessionId = recordCliSessionId(record);
  if (cliSessionId) info.cliSessionId = cliSessionId;

  switch (record.type) {
    case 'header':
      state.header = record;
      state.owner = { troupePid: record.troupePid, troupeStartTime: record.troupeStartTime };
      info.sessionId = record.sessionId;
      info.beadId = record.beadId;
      info.persona = record.persona;
      info.backendId = record.backend as BackendId;
      if (record.task) info.task = record.task as TaskKind;
      if (record.model) info.model = record.model;
      info.createdAt = record.startedAt;
      info.status = 'starting';
      break;
    case 'user':
      info.status = 'running';
      break;
    case 'chunk': {
      const chunk = record.chunk;
      state.lastSeq = Math.max(state.lastSeq, chunk.seq);
      if (chunk.kind === 'session' && chunk.model) info.model = chunk.model;
      else if (chunk.kind === 'usage') state.usage.add(chunk);
      else if (chunk.kind === 'done') info.lastTurnOk = chunk.ok;
      break;
    }
    case 'spawn':
      state.usage.beginProcess();
      info.status = 'running';
      info.pid = record.pid;
      delete info.restart;
      break;
    case 'turn-done':
      info.status = 'idle';
      info.lastTurnOk = record.ok;
      if (!record.ok && record.reason) info.reason = record.reason;
      break;
    case 'exit':
      delete info.pid;
      if (record.abnormal) info.reason = record.reason;
      break;
    case 'restart':
      state.restartRecords += 1;
      state.lastRestartAttempt = record.attempt;
      info.status = 'restarting';
      info.restart = { attempt: record.attempt, delayMs: record.delayMs, reason: record.reason };
      info.restarts = Math.max(info.restarts, state.restartRecords);
      break;
    case 'resume':
      if (record.troupePid !== undefined) {
        state.owner = { troupePid: record.troupePid, troupeStartTime: record.troupeStartTime };
      }
      info.status = 'starting';
      delete info.reason;
      break;
    case 'log-error':
      info.reason = record.message;
      break;
    case 'stop':
      info.status = 'stopped';
      info.reason = record.reason;
      delete info.pid;
      break;
    case 'footer':
      state.ended = true;
      // The footer's totals are the worker's own count: they win over what was replayed.
      state.usage.restore({ ...state.usage.snapshot(), totals: { inputTokens: record.totals.inputTokens, outputTokens: record.totals.outputTokens, costUsd: record.totals.costUsd } });
      info.turns = Math.max(info.turns, record.totals.turns);
      info.restarts = Math.max(info.restarts, record.totals.restarts);
      info.status = record.reason === 'failed' || record.reason.startsWith('failed') ? 'failed' : 'stopped';
      info.reason = record.reason;
      delete info.pid;
      delete info.restart;
      break;
  }
  info.totals = { ...state.usage.totals };
}
