/** Every session in the project's logs, as the dashboard's history view lists and finds them. */
import type { BackendId, PersonaId } from './ids.js';
import type { StopReason } from './session-events.js';

/** At most this many sessions come in one page. */
export const MAX_PAST_SESSIONS_PAGE = 100;
/** A query longer than this is refused. */
export const MAX_SEARCH_CHARS = 200;

export interface PastSession {
  sessionId: string;
  beadId?: string;
  beadTitle?: string;
  persona: PersonaId;
  backend: BackendId;
  model?: string;
  /** `running`: its troupe still has it; `interrupted`: its troupe went away; `ended`: closed. */
  status: 'running' | 'ended' | 'interrupted';
  /** In the dashboard's words: "waiting for you", "finished", "turn failed", "stopped", "failed"... */
  label: string;
  endReason?: StopReason;
  /** Resume continues it (every session not running in some troupe). */
  resumable: boolean;
  startedAt: number;
  lastActivity: number;
  turns: number;
  restarts: number;
  reason?: string;
  /** This troupe has it in its session list: open it there. */
  live: boolean;
  /** Where the query was found in its chat, a short excerpt. */
  excerpt?: string;
}

export interface PastSessionsPage {
  /** Newest first. */
  sessions: PastSession[];
  /** Pass as `before` for the next (older) page; absent when this page reached the oldest. */
  nextBefore?: string;
  /** Logs in the project (matching or not). */
  total: number;
  /** The chats searched for the query's text were cut short (a bound of bytes read per request): more may match. */
  partial?: boolean;
}
