/**
 * The dashboard's history view: every session in the project's logs, newest first, found by bead,
 * persona, backend, status or the text of its chat; its transcript read from its log; and Resume,
 * which takes a past session back into the supervisor (allow-listed fields only, see adopt-spec).
 */
import { troupeError } from '../errors/troupe-error.js';
import type { LoggedSession } from '../logs/index.js';
import { MAX_PAST_SESSIONS_PAGE, type PastSession, type PastSessionsPage } from '../protocol/past-sessions.js';
import type { BackendId } from '../protocol/ids.js';
import type { SupervisorApi } from '../supervisor/types.js';
import { searchChatText } from './chat-text-search.js';
import { limitConcurrency } from './concurrency-limit.js';
import { logSummaries, type LogSummaries } from './log-summaries.js';

export interface FindSessionsRequest {
  query?: string;
  limit?: number;
  /** From a page's `nextBefore`. */
  before?: string;
}

export interface PastSessionsService {
  find(request: FindSessionsRequest): Promise<PastSessionsPage>;
  /** The log of a session (by its exact id) this troupe does not list. */
  logPath(sessionId: string): Promise<string | undefined>;
  /** Takes a past session into the list and starts its next turn; resolves with its id. */
  resume(sessionId: string, message?: string): Promise<string>;
}

export interface PastSessionsOptions {
  projectRoot: string;
  supervisor: SupervisorApi;
  /** Takes a session from its log into the supervisor's table (stopped, ready to revive). */
  adoptLog: (logPath: string) => Promise<string>;
  beadTitle: (beadId: string) => string | undefined;
  /** Bytes of chats one request may read looking for text. Default 32 MiB. */
  textBudget?: number;
  summaries?: LogSummaries;
}

const DEFAULT_PAGE = 50;
/** Searches the server runs at once, over every client (each may read tens of megabytes). */
const SEARCHES_AT_ONCE = 2;
const TEXT_BUDGET = 32 * 1024 * 1024;

const cursorOf = (s: LoggedSession) => `${s.startedAt}:${s.id}`;

/** Strictly older than the cursor, in the listing's order (newest first, then by id). */
function olderThan(cursor: string | undefined): (s: LoggedSession) => boolean {
  if (!cursor) return () => true;
  const at = cursor.indexOf(':');
  const startedAt = Number(cursor.slice(0, at));
  const id = cursor.slice(at + 1);
  if (at < 0 || !Number.isFinite(startedAt)) throw troupeError('INVALID_ARGUMENT', 'before: not a cursor from a page of find-sessions');
  return (s) => s.startedAt < startedAt || (s.startedAt === startedAt && s.id.localeCompare(id) > 0);
}

export function createPastSessions(options: PastSessionsOptions): PastSessionsService {
  const summaries = options.summaries ?? logSummaries(options.projectRoot);
  const budget = options.textBudget ?? TEXT_BUDGET;

  const describe = (s: LoggedSession, excerpt?: string): PastSession => {
    const title = s.beadId ? options.beadTitle(s.beadId) : undefined;
    return {
      sessionId: s.id,
      ...(s.beadId ? { beadId: s.beadId } : {}),
      ...(title ? { beadTitle: title } : {}),
      persona: s.persona,
      backend: s.backend as BackendId,
      ...(s.model ? { model: s.model } : {}),
      status: s.status,
      label: s.label,
      ...(s.endReason ? { endReason: s.endReason } : {}),
      resumable: s.resumable,
      startedAt: s.startedAt,
      lastActivity: s.lastActivity,
      turns: s.turns,
      restarts: s.restarts,
      ...(s.reason ? { reason: s.reason } : {}),
      live: options.supervisor.get(s.id) !== undefined,
      ...(excerpt ? { excerpt } : {}),
    };
  };

  const fields = (s: LoggedSession) =>
    [s.id, s.beadId ?? 'no bead', s.beadId ? options.beadTitle(s.beadId) : '', s.persona, s.backend, s.model, s.label, s.status, s.reason]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();

  return {
    find: limitConcurrency(SEARCHES_AT_ONCE, async (request: FindSessionsRequest): Promise<PastSessionsPage> => {
      const words = (request.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const limit = Math.min(request.limit ?? DEFAULT_PAGE, MAX_PAST_SESSIONS_PAGE);
      const all = await summaries.all();
      const candidates = all.filter(olderThan(request.before));
      const page: PastSession[] = [];
      let left = budget;
      let partial = false;
      let last: LoggedSession | undefined;
      for (const session of candidates) {
        if (page.length >= limit) break;
        last = session;
        const haystack = fields(session);
        const inChat = words.filter((word) => !haystack.includes(word));
        if (inChat.length === 0) {
          page.push(describe(session));
          continue;
        }
        if (left <= 0) {
          partial = true;
          continue;
        }
        const text = await searchChatText(session.logPath, inChat, left);
        left -= text.bytesRead;
        if (text.cut) partial = true;
        if (text.found.size === inChat.length) page.push(describe(session, text.excerpt));
      }
      const reachedEnd = last === undefined || last === candidates.at(-1);
      return {
        sessions: page,
        total: all.length,
        ...(!reachedEnd && last ? { nextBefore: cursorOf(last) } : {}),
        ...(partial ? { partial: true } : {}),
      };
    }),

    logPath: (sessionId) => summaries.logPath(sessionId),

    async resume(sessionId, message) {
      if (!options.supervisor.get(sessionId)) {
        const path = await summaries.logPath(sessionId);
        if (!path) throw troupeError('UNKNOWN_SESSION', `no session ${sessionId} in this project's logs`);
        await options.adoptLog(path);
      }
      await options.supervisor.revive(sessionId, message);
      return sessionId;
    },
  };
}
