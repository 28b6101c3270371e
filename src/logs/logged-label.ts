/**
 * How a logged session stands, in the dashboard's words (src/session/live-status.ts): a running
 * one by its status ("waiting for you", "turn failed"), an ended one by how it ended.
 */
import type { SessionInfo } from '../protocol/session.js';
import type { StopReason } from '../protocol/session-events.js';
import { isWorking, statusLabel } from '../session/live-status.js';

/** `running`: no final footer and its troupe process lives; `interrupted`: no footer, process gone. */
export type LoggedStatus = 'running' | 'ended' | 'interrupted';

/** `stoppedWhile`: the status when it was stopped (a turn cut short by a shutdown is no finished one). */
export function loggedLabel(
  status: LoggedStatus,
  info: Pick<SessionInfo, 'status' | 'lastTurn'>,
  endReason: StopReason | undefined,
  stoppedWhile?: SessionInfo['status'],
): string {
  if (status === 'interrupted') return 'interrupted';
  if (status === 'running') return statusLabel(info);
  switch (endReason) {
    case 'failed':
    case 'log-error':
      return 'failed';
    case 'user':
      return 'stopped';
    default:
      // Ended with troupe (`run` exits, `serve` stops): by how its last turn went.
      if (stoppedWhile && (isWorking(stoppedWhile) || stoppedWhile === 'waiting')) return 'shut down mid-turn';
      if (info.lastTurn === 'failed') return 'turn failed';
      if (info.lastTurn === 'interrupted') return 'turn interrupted';
      return info.lastTurn === 'done' ? 'finished' : 'shut down';
  }
}
