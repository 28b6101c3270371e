/** A session's history for the chat panel: a page of its JSONL log, as dashboard entries. */
import { isTroupeError, troupeError } from '../errors/troupe-error.js';
import { readLogHeader, readLogPage, type LogHeader, type LogPage, type LogRecord } from '../logs/index.js';
import type { SessionInfo } from '../protocol/session.js';
import { MAX_HISTORY_ENTRY_BYTES, MAX_HISTORY_PAGE_BYTES, type HistoryEntry, type HistoryPage } from '../protocol/wire.js';
import type { HistoryRequest } from './services.js';

/**
 * What one history request may cost the server: a line longer than this is not read into memory
 * (troupe's own lines are at most 8 MB of agent output, so only a hand-made log gets there), and
 * a page ends once this many bytes of the log were read.
 */
export const HISTORY_READ_LIMITS = {
  maxBytes: MAX_HISTORY_PAGE_BYTES,
  maxRecordBytes: MAX_HISTORY_ENTRY_BYTES,
  maxLineBytes: 24 * 1024 * 1024,
  maxScanBytes: 32 * 1024 * 1024,
};

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

/** The person's own words of the first turn, from the header's spec ('' when none), cut like a long record. */
function ownWords(header: LogHeader): string {
  const spec = header.spec as { prompt?: unknown } | undefined;
  const words = typeof spec?.prompt === 'string' ? spec.prompt.trim() : '';
  const most = MAX_HISTORY_ENTRY_BYTES / 4;
  return words.length > most ? `${words.slice(0, most)}…` : words;
}

/**
 * The header that tells the first prompt was built from a template: in the page, or read from
 * the log's first line when a page boundary fell between them. undefined when it cannot be read.
 */
async function headerFor(logPath: string, records: readonly LogRecord[]): Promise<LogHeader | undefined> {
  if (!records.some((record) => record.type === 'user' && record.turn === 1)) return undefined;
  const inPage = records.find((record): record is LogHeader => record.type === 'header');
  if (inPage) return inPage;
  return readLogHeader(logPath).catch(() => undefined);
}

export async function readHistory(info: SessionInfo, request: HistoryRequest): Promise<HistoryPage> {
  if (!info.logPath) throw troupeError('LOG_NOT_FOUND', `session ${info.sessionId} has no log yet`);
  let page: LogPage;
  try {
    page = await readLogPage(info.logPath, { limit: request.limit, before: request.before, ...HISTORY_READ_LIMITS });
  } catch (error) {
    // A session that just started may not have written its log yet: nothing to show so far.
    if (isTroupeError(error, 'LOG_NOT_FOUND') && (info.status === 'starting' || info.status === 'running')) {
      return { sessionId: info.sessionId, entries: [] };
    }
    throw error;
  }
  const entries: HistoryEntry[] = [];
  const header = await headerFor(info.logPath, page.records);
  const own = header ? ownWords(header) : undefined;
  page.records.forEach((record, index) => {
    const entry = toHistoryEntry(record);
    if (!entry) return;
    const mark = page.truncated.get(index);
    if (mark) entry.truncated = mark;
    if (entry.k === 'user' && entry.turn === 1 && own !== undefined) {
      entries.push({ ...entry, generated: true, ...(own ? { own } : {}) });
    } else entries.push(entry);
  });
  return {
    sessionId: info.sessionId,
    entries,
    ...(page.nextBefore !== null ? { nextBefore: page.nextBefore } : {}),
  };
}
