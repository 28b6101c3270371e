import type { SessionInfo } from './session.js';
import type { SessionEvent } from './session-events.js';

/**
 * What the supervisor publishes on `events$`. A session's own events (chunks, stderr, lifecycle)
 * travel as `session-event`; the others are about the session table.
 */
export type SupervisorEvent =
  | { type: 'session-created'; sessionId: string; info: SessionInfo }
  | { type: 'session-terminated'; sessionId: string; reason: string }
  | { type: 'session-list-changed'; sessions: SessionInfo[] }
  | { type: 'active-session-changed'; sessionId: string | null }
  | { type: 'session-event'; sessionId: string; event: SessionEvent }
  | { type: 'session-restarting'; sessionId: string; attempt: number; delayMs: number; reason: string }
  | { type: 'session-failed'; sessionId: string; reason: string; stderrTail: string[] };
