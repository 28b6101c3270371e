/** Common facts read off any record, whatever its type. */
import type { LogRecord } from './records.js';

/** When the record happened (epoch ms). */
export function recordTime(record: LogRecord): number {
  switch (record.type) {
    case 'header':
      return record.startedAt;
    case 'footer':
      return record.endedAt;
    case 'chunk':
      return record.chunk.at;
    default:
      return record.at;
  }
}

/** The turn a record belongs to, when it says. */
export function recordTurn(record: LogRecord): number | undefined {
  switch (record.type) {
    case 'user':
    case 'spawn':
    case 'turn-done':
      return record.turn;
    case 'chunk':
      return record.chunk.turn;
    case 'footer':
      return record.totals.turns;
    default:
      return undefined;
  }
}

/** The CLI's own conversation id, when the record carries it. */
export function recordCliSessionId(record: LogRecord): string | undefined {
  if (record.type === 'cli-session') return record.cliSessionId;
  if (record.type === 'chunk' && record.chunk.kind === 'session') return record.chunk.cliSessionId;
  return undefined;
}
