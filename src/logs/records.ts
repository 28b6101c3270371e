/**
 * The lines of a session log: a header, then one SessionEvent per line as it happens, and a footer
 * when the session ends. A resumed session appends a `resumed` event after its footer and carries
 * on in the same file, so only a footer that is the last line means "ended".
 * Schema 2; logs of schema 1 (troupe 0.1) are read through legacy-records.ts.
 */
import type { SessionEvent, StopReason } from '../protocol/session-events.js';
import type { WorkspaceInfo } from '../protocol/workspace.js';

export const LOG_SCHEMA_VERSION = 2;

/** Which troupe process writes the log: a session is live while this process is. */
export interface LogOwner {
  troupePid: number;
  /** Process start time as read from /proc, so a reused pid is not mistaken for the owner. */
  troupeStartTime?: string;
}

/**
 * What the session was asked for, kept for people reading the log. It is data: resume and revive
 * never take configuration from it (see supervisor/adopt-spec.ts).
 */
export interface LoggedSpec {
  /** The person's own words of the first turn. */
  prompt?: string;
  longLived?: boolean;
  /** The permission mode the session started with (shown, never used to run it). */
  permissionMode?: string;
}

export interface LogHeader extends LogOwner {
  type: 'header';
  schema: 1 | 2;
  sessionId: string;
  beadId?: string;
  persona: string;
  backend: string;
  model?: string;
  task?: string;
  cwd: string;
  startedAt: number;
  troupeVersion: string;
  spec?: LoggedSpec & Record<string, unknown>;
  /** The session's worktree. Data like the rest: adoption checks it is troupe's own (adopt-spec.ts). */
  workspace?: WorkspaceInfo;
}

export interface LogTotals {
  turns: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  restarts: number;
}

export interface LogFooter {
  type: 'footer';
  reason: StopReason;
  detail?: string;
  endedAt: number;
  totals: LogTotals;
}

export type LogRecord = LogHeader | SessionEvent | LogFooter;
export type LogRecordType = LogRecord['type'];

export function isSessionEvent(record: LogRecord): record is SessionEvent {
  return record.type !== 'header' && record.type !== 'footer';
}

/** When a line happened (epoch ms). */
export function recordTime(record: LogRecord): number {
  if (record.type === 'header') return record.startedAt;
  if (record.type === 'footer') return record.endedAt;
  return record.at;
}
