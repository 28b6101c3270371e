/** One vocabulary for a session's status, everywhere: list, tree, header, chat, CLI. */
import type { SessionInfo, SessionStatus } from '../protocol/session.js';

/** A session that has not ended: it has (or will get) an agent. */
export function isLiveStatus(status: SessionStatus): boolean {
  return status !== 'stopped' && status !== 'failed';
}

export function isLive(info: Pick<SessionInfo, 'status'>): boolean {
  return isLiveStatus(info.status);
}

/** A turn is in flight or about to be (the agent works, or troupe brings it back). */
export function isWorking(status: SessionStatus): boolean {
  return status === 'starting' || status === 'running' || status === 'restarting';
}

/** No turn in flight: the session waits for a person (idle, waiting) or has ended. */
export function isSettledStatus(status: SessionStatus): boolean {
  return status === 'idle' || !isLiveStatus(status);
}

export const STATUS_LABELS: Record<SessionStatus, string> = {
  starting: 'starting',
  running: 'running',
  waiting: 'needs approval',
  idle: 'waiting for you',
  restarting: 'restarting',
  stopped: 'stopped',
  failed: 'failed',
};

/** The label of a session, with how its last turn ended when that matters (a failed turn). */
export function statusLabel(info: Pick<SessionInfo, 'status' | 'lastTurn'>): string {
  if (info.status === 'idle' && info.lastTurn === 'failed') return 'turn failed';
  return STATUS_LABELS[info.status];
}
