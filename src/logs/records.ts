/**
 * The records of a session log: one JSON object per line. The first line is a header, the last a
 * footer when the session ended; a resumed session appends a `resume` record after its footer and
 * carries on in the same file, so only a footer that is the final record means "ended".
 */
import type { SequencedChunk } from '../protocol/chunks.js';

export const LOG_SCHEMA_VERSION = 1;

/** Which troupe process writes the log: a session is live while this process is. */
export interface LogOwner {
  troupePid: number;
  /** Process start time as read from /proc, so a reused pid is not mistaken for the owner. */
  troupeStartTime?: string;
}

export interface LogHeader extends LogOwner {
  type: 'header';
  schema: 1;
  sessionId: string;
  beadId?: string;
  persona: string;
  backend: string;
  model?: string;
  task?: string;
  cwd: string;
  startedAt: number;
  troupeVersion: string;
  spec?: unknown;
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
  reason: string;
  endedAt: number;
  totals: LogTotals;
}

/**
 * A resume continues the session in the same log. The process that resumed it may add its own
 * identity, since it, and no longer the header's process, now owns the session.
 */
export interface LogResume extends Partial<LogOwner> {
  type: 'resume';
  by: 'user' | 'restart' | 'worker-replaced';
  at: number;
}

export type LogRecord =
  | LogHeader
  | { type: 'user'; turn: number; text: string; at: number }
  /** `line` is the raw stdout line, kept only for raw and notice chunks. */
  | { type: 'chunk'; chunk: SequencedChunk; line?: string }
  | { type: 'stderr'; line: string; at: number }
  | { type: 'spawn'; pid: number; turn: number; attempt: number; at: number }
  | { type: 'cli-session'; cliSessionId: string; at: number }
  | { type: 'turn-done'; turn: number; ok: boolean; reason?: string; at: number }
  | {
      type: 'exit';
      pid: number;
      code: number | null;
      signal: string | null;
      abnormal: boolean;
      reason: string;
      at: number;
    }
  | { type: 'restart'; attempt: number; delayMs: number; reason: string; at: number }
  | LogResume
  | { type: 'log-error'; message: string; at: number }
  | { type: 'stop'; reason: string; at: number }
  | LogFooter;

export type LogRecordType = LogRecord['type'];

export const LOG_RECORD_TYPES: readonly LogRecordType[] = [
  'header',
  'user',
  'chunk',
  'stderr',
  'spawn',
  'cli-session',
  'turn-done',
  'exit',
  'restart',
  'resume',
  'log-error',
  'stop',
  'footer',
];
