import type { SequencedChunk } from './chunks.js';
import type { SessionInfo } from './session.js';

/** Event names from the design this product implements, plus the ones added here. */
export const EVENT_NAMES = [
  'session-created',
  'session-terminated',
  'session-list-changed',
  'active-session-changed',
  'agent-chunk',
  'agent-stderr',
  'session-restarting',
  'session-failed',
  'beads-updated',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

export type SupervisorEvent =
  | { type: 'session-created'; sessionId: string; info: SessionInfo }
  | { type: 'session-terminated'; sessionId: string; reason: string }
  | { type: 'session-list-changed'; sessions: SessionInfo[] }
  | { type: 'active-session-changed'; sessionId: string | null }
  | { type: 'agent-chunk'; sessionId: string; chunk: SequencedChunk }
  | { type: 'agent-stderr'; sessionId: string; line: string; at: number }
  | { type: 'session-restarting'; sessionId: string; attempt: number; delayMs: number; reason: string }
  | { type: 'session-failed'; sessionId: string; reason: string; stderrTail: string[] }
  | { type: 'beads-updated'; tree: unknown };
