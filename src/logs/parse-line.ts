/** Turns one line of a log back into a record; anything else (a torn or foreign line) is null. */
import { SESSION_EVENT_TYPES } from '../protocol/session-events.js';
import { isLegacyRecord, upgradeLegacyRecord } from './legacy-records.js';
import type { LogHeader, LogRecord } from './records.js';

const LEGACY_TYPES = ['restart', 'resume', 'stop'];
const KNOWN_TYPES = new Set<string>(['header', 'footer', ...SESSION_EVENT_TYPES, ...LEGACY_TYPES]);

export function parseLogLine(line: string): LogRecord | null {
  if (line.length === 0) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown> & { type: string };
  if (typeof record.type !== 'string' || !KNOWN_TYPES.has(record.type)) return null;
  if (record.type === 'header') return isHeader(record) ? record : null;
  if (isLegacyRecord(record)) return upgradeLegacyRecord(record);
  if (record.type === 'chunk' && (typeof record.chunk !== 'object' || record.chunk === null)) return null;
  if (record.type !== 'footer' && typeof record.at !== 'number') return null;
  return record as unknown as LogRecord;
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
