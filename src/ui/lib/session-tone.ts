/**
 * The mark a session wears in the list, the tree and the chat: its status, except that a session
 * whose last turn failed (an API error) is told apart from one that finished well.
 */
import type { SessionInfo } from '../../protocol/session.js';

export type SessionTone = SessionInfo['status'] | 'turn-failed';

export function sessionTone(info: Pick<SessionInfo, 'status' | 'lastTurn'>): SessionTone {
  return info.status === 'idle' && info.lastTurn === 'failed' ? 'turn-failed' : info.status;
}

/** Of several sessions (one bead, one persona), the mark that matters most to a person. */
const URGENCY: SessionTone[] = ['failed', 'turn-failed', 'waiting', 'restarting', 'running', 'starting', 'idle', 'stopped'];

export function mostUrgentTone(sessions: readonly Pick<SessionInfo, 'status' | 'lastTurn'>[]): SessionTone {
  const tones = new Set(sessions.map(sessionTone));
  return URGENCY.find((tone) => tones.has(tone)) ?? 'idle';
}

/** A glyph besides the colour, so a mark reads without telling colours apart. */
export const TONE_GLYPHS: Partial<Record<SessionTone, string>> = {
  failed: '✕',
  'turn-failed': '!',
  waiting: '?',
  restarting: '↻',
};

/** Sessions drawn on the tree: every one but those stopped on purpose. */
export function shownOnTree(info: Pick<SessionInfo, 'status'>): boolean {
  return info.status !== 'stopped';
}
