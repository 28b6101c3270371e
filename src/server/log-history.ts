/** A session's history for the chat panel: a page of its JSONL log, as the session's own events. */
import { isTroupeError, troupeError } from '../errors/troupe-error.js';
import { readLogHeader, readLogPage, type LogHeader, type LogPage, type LogRecord } from '../logs/index.js';
import { isSessionEvent } from '../logs/records.js';
import type { SessionInfo } from '../protocol/session.js';
import { MAX_HISTORY_ENTRY_BYTES, MAX_HISTORY_PAGE_BYTES, type HistoryEvent, type HistoryPage } from '../protocol/wire.js';
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

/**
 * Events of a schema 1 log carry no seq (0): each is placed right after the chunk logged before it,
 * so the chat orders them as they happened. `events` is newest first, as in a page.
 */
export function placeUnnumbered<E extends HistoryEvent>(events: E[]): E[] {
  if (!events.some((event) => event.seq === 0)) return events;
  const chunkSeqs = events.filter((event) => event.type === 'chunk').map((event) => event.seq);
  let last = chunkSeqs.length > 0 ? Math.min(...chunkSeqs) - 1 : 0;
  let step = 0;
  const placed = [...events].reverse().map((event) => {
    if (event.seq !== 0) {
      last = event.seq;
      step = 0;
      return event;
    }
    step += 1;
    return { ...event, seq: last + step / 1000 };
  });
  return placed.reverse();
}

/** The person's own words of the first turn in a schema 1 log, from its header's spec, cut like a long record. */
async function legacyOwnWords(logPath: string, records: readonly LogRecord[]): Promise<string | undefined> {
  if (!records.some((record) => record.type === 'user' && record.seq === 0 && record.source === 'template' && record.own === undefined)) return undefined;
  const header = records.find((record): record is LogHeader => record.type === 'header') ?? (await readLogHeader(logPath).catch(() => undefined));
  const prompt = (header?.spec as { prompt?: unknown } | undefined)?.prompt;
  if (typeof prompt !== 'string' || !prompt.trim()) return undefined;
  const words = prompt.trim();
  const most = MAX_HISTORY_ENTRY_BYTES / 4;
  return words.length > most ? `${words.slice(0, most)}…` : words;
}

export async function readHistory(info: SessionInfo, request: HistoryRequest): Promise<HistoryPage> {
  if (!info.logPath) throw troupeError('LOG_NOT_FOUND', `session ${info.sessionId} has no log yet`);
  let page: LogPage;
  try {
    page = await readLogPage(info.logPath, { limit: request.limit, before: request.before, ...HISTORY_READ_LIMITS });
  } catch (error) {
    // A session that just started may not have written its log yet: nothing to show so far.
    if (isTroupeError(error, 'LOG_NOT_FOUND') && (info.status === 'starting' || info.status === 'running')) {
      return { sessionId: info.sessionId, events: [] };
    }
    throw error;
  }
  const own = await legacyOwnWords(info.logPath, page.records);
  const events: HistoryEvent[] = [];
  page.records.forEach((record, index) => {
    if (!isSessionEvent(record)) return;
    const mark = page.truncated.get(index);
    const legacyFirst = own !== undefined && record.type === 'user' && record.seq === 0 && record.source === 'template';
    const event: HistoryEvent = legacyFirst ? { ...record, own } : record;
    events.push(mark ? { ...event, truncated: mark } : event);
  });
  return {
    sessionId: info.sessionId,
    events: placeUnnumbered(events),
    ...(page.nextBefore !== null ? { nextBefore: page.nextBefore } : {}),
  };
}
