/**
 * Rebuilds a session's state from its records, applied oldest first. Pure: the supervisor can use
 * it on records it holds, the reader on records it streams from disk.
 */
import type { BackendId, TaskKind } from '../protocol/ids.js';
import type { SessionInfo } from '../protocol/session.js';
import type { UsageChunk } from '../protocol/chunks.js';
import { recordCliSessionId, recordTime, recordTurn } from './record-fields.js';
import type { LogHeader, LogOwner, LogRecord } from './records.js';

type Metric = 'inputTokens' | 'outputTokens' | 'costUsd';
const METRICS: Metric[] = ['inputTokens', 'outputTokens', 'costUsd'];

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
  /** Usage folded in from finished processes and per-turn figures. */
  committed: Record<Metric, number>;
  /** Claude reports a running total per process: kept apart until the process is replaced. */
  processRunning: Record<Metric, number>;
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
    committed: zero(),
    processRunning: zero(),
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
      else if (chunk.kind === 'usage') addUsage(state, chunk);
      else if (chunk.kind === 'done') info.lastTurnOk = chunk.ok;
      break;
    }
    case 'spawn':
      foldProcess(state);
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
      foldProcess(state);
      for (const metric of METRICS) state.committed[metric] = record.totals[metric];
      info.turns = Math.max(info.turns, record.totals.turns);
      info.restarts = Math.max(info.restarts, record.totals.restarts);
      info.status = record.reason === 'failed' || record.reason.startsWith('failed') ? 'failed' : 'stopped';
      info.reason = record.reason;
      delete info.pid;
      delete info.restart;
      break;
  }
  for (const metric of METRICS) info.totals[metric] = state.committed[metric] + state.processRunning[metric];
}

function addUsage(state: ReplayState, usage: UsageChunk): void {
  for (const metric of METRICS) {
    const value = usage[metric];
    if (value === undefined) continue;
    if (usage.scope === 'turn') state.committed[metric] += value;
    else if (usage.scope === 'process') state.processRunning[metric] = value;
    else {
      // A thread total covers everything so far.
      state.committed[metric] = value;
      state.processRunning[metric] = 0;
    }
  }
}

/** A new agent process starts its running totals from zero: keep what the last one reached. */
function foldProcess(state: ReplayState): void {
  for (const metric of METRICS) {
    state.committed[metric] += state.processRunning[metric];
    state.processRunning[metric] = 0;
  }
}

function zero(): Record<Metric, number> {
  return { inputTokens: 0, outputTokens: 0, costUsd: 0 };
}
