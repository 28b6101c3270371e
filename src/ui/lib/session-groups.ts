/**
 * The groups sessions are counted and filtered by, one definition for the header's counts and the
 * list's chips: "running" includes a session troupe is restarting (it is being brought back to
 * work), "failed" includes a session whose last turn failed (it needs a look as much).
 */
import type { SessionInfo } from '../../protocol/session.js';
import { isWorking, STATUS_LABELS } from '../../session/live-status.js';
import { sessionTone } from './session-tone.js';

export type SessionGroup = 'running' | 'idle' | 'failed';

export const GROUP_LABELS: Record<SessionGroup, string> = {
  running: STATUS_LABELS.running,
  idle: STATUS_LABELS.idle,
  failed: STATUS_LABELS.failed,
};

export function inGroup(info: Pick<SessionInfo, 'status' | 'lastTurn'>, group: SessionGroup): boolean {
  switch (group) {
    case 'running':
      return isWorking(info.status);
    case 'idle':
      return info.status === 'idle';
    case 'failed':
      return info.status === 'failed' || sessionTone(info) === 'turn-failed';
  }
}
