/** A session's history for the chat panel: a page of its JSONL log, as the session's own events. */
import { isTroupeError, troupeError } from '../errors/troupe-error.js';
import { readLogHeader, readLogPage, type LogHeader, type LogPage, type LogRecord } from '../logs/index.js';
import { isSessionEvent } from '../logs/records.js';
import type { SessionInfo } from '../protocol/session.js';
import type { SessionEvent } from '../protocol/session-events.js';
import type { HistoryPage } from '../protocol/wire.js';
import type { HistoryRequest } from './services.js';

/**
 * Events of a schema 1 log carry no seq (0): each is placed right after the chunk logged before it,
 * so the chat orders them as they happened. `events` is newest first, as in a page.
 */
export function placeUnnumbered(events: SessionEvent[]): SessionEvent[] {
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

/** The person's own words of the first turn in a schema 1 log, from its header's spec. */
async function legacyOwnWords(logPath: string, records: readonly LogRecord[]): Promise<string | undefined> {
  if (!records.some((record) => record.type === 'user' && record.seq === 0 && record.source === 'template' && record.own === undefined)) return undefined;
  const header = records.find((record): record is LogHeader => record.type === 'header') ?? (await readLogHeader(logPath).catch(() => undefined));
  const prompt = (header?.spec as { prompt?: unknown } | undefined)?.prompt;
  return typeof prompt === 'string' && prompt.trim() ? prompt.trim() : undefined;
}

export async function readHistory(info: SessionInfo, request: HistoryRequest): Promise<HistoryPage> {
  if (!info.logPath) throw troupeError('LOG_NOT_FOUND', `session ${info.sessionId} has no log yet`);
  let page: LogPage;
  try {
    page = await readLogPage(info.logPath, { limit: request.limit, before: request.before });
  } catch (error) {
    // A session that just started may not have written its log yet: nothing to show so far.
    if (isTroupeError(error, 'LOG_NOT_FOUND') && (info.status === 'starting' || info.status === 'running')) {
      return { sessionId: info.sessionId, events: [] };
    }
    throw error;
  }
  const own = await legacyOwnWords(info.logPath, page.records);
  const events = page.records.filter(isSessionEvent).map((event) =>
    own !== undefined && event.type === 'user' && event.seq === 0 && event.source === 'template' ? { ...event, own } : event,
  );
  return {
    sessionId: info.sessionId,
    events: placeUnnumbered(events),
    ...(page.nextBefore !== null ? { nextBefore: page.nextBefore } : {}),
  };
}
