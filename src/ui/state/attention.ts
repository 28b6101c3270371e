/**
 * Which sessions wait for the user: one waiting for an approval (until it is answered, seen or not),
 * or one idle (turn done) or failed with activity not seen yet.
 */
import type { SessionInfo } from '../../protocol/session.js';

export function needsAttention(info: SessionInfo, seen: Readonly<Record<string, number>>): boolean {
  if (info.status === 'waiting') return true;
  if (info.status !== 'idle' && info.status !== 'failed') return false;
  return info.lastActivity > (seen[info.sessionId] ?? 0);
}

export function attentionCount(sessions: Iterable<SessionInfo>, seen: Readonly<Record<string, number>>): number {
  let count = 0;
  for (const info of sessions) if (needsAttention(info, seen)) count++;
  return count;
}
