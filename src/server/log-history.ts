/** A session's history for the chat panel: a page of its JSONL log, as dashboard entries. */
import { troupeError } from '../errors/troupe-error.js';
import { readLogPage, type LogRecord } from '../logs/index.js';
import type { SessionInfo } from '../protocol/session.js';
import type { HistoryEntry, HistoryPage } from '../protocol/wire.js';
import type { HistoryRequest } from './services.js';

export function toHistoryEntry(record: LogRecord): HistoryEntry | null {
  switch (record.type) {
    case 'user':
      return { k: 'user', text: record.text, turn: record.turn, at: record.at };
    case 'chunk':
      return { k: 'chunk', chunk: record.chunk };
    case 'stderr':
      return { k: 'stderr', line: record.line, at: record.at };
    case 'restart':
      return { k: 'lifecycle', event: 'restart', detail: `attempt ${record.attempt}: ${record.reason}`, at: record.at };
    case 'exit':
      return record.abnormal ? { k: 'lifecycle', event: 'crash', detail: record.reason, at: record.at } : null;
    case 'stop':
      return { k: 'lifecycle', event: 'stop', detail: record.reason, at: record.at };
    case 'log-error':
      return { k: 'lifecycle', event: 'log-error', detail: record.message, at: record.at };
    case 'resume':
      return { k: 'lifecycle', event: 'resume', detail: record.by, at: record.at };
    default:
      return null;
  }
}

export async function readHistory(info: SessionInfo, request: HistoryRequest): Promise<HistoryPage> {
  if (!info.logPath) throw troupeError('LOG_NOT_FOUND', `session ${info.sessionId} has no log yet`);
  const page = await readLogPage(info.logPath, { limit: request.limit, before: request.before });
  const entries: HistoryEntry[] = [];
  for (const record of page.records) {
    const entry = toHistoryEntry(record);
    if (entry) entries.push(entry);
  }
  return {
    sessionId: info.sessionId,
    entries,
    ...(page.nextBefore !== null ? { nextBefore: page.nextBefore } : {}),
  };
}
