/** Turns one line of a log back into a record; anything else (a torn or foreign line) is null. */
import { LOG_RECORD_TYPES, type LogHeader, type LogRecord } from './records.js';

const KNOWN_TYPES = new Set<string>(LOG_RECORD_TYPES);

export function parseLogLine(line: string): LogRecord | null {
  if (line.length === 0) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !KNOWN_TYPES.has(type)) return null;
  if (type === 'header' && !isHeader(value)) return null;
  if (type === 'chunk' && typeof (value as { chunk?: unknown }).chunk !== 'object') return null;
  return value as LogRecord;
}

function isHeader(value: object): value is LogHeader {
  const header = value as Partial<LogHeader>;
  return (
    typeof header.sessionId === 'string' &&
    typeof header.persona === 'string' &&
    typeof header.backend === 'string' &&
    typeof header.startedAt === 'number' &&
    typeof header.troupePid === 'number'
  );
}
