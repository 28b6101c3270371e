/**
 * One session of a run: start it, subscribe to its chunks at once, then send turn after turn
 * until the workload's turns or duration are used up, the run is told to stop, or it fails.
 */
import type { SessionSpec, SessionStatus } from '../protocol/index.js';
import { messageOf } from '../errors/troupe-error.js';
import type { ReceiveLedger } from './ledger.js';
import type { StressTarget } from './target.js';
import type { Workload } from './workload.js';

export interface DriveContext {
  target: StressTarget;
  workload: Workload;
  ledger: ReceiveLedger;
  specFor(index: number): SessionSpec;
  /** performance.now() after which no new turn is sent. */
  deadline?: number;
  /** True once the run wants every session to end its turn and send no more. */
  stopping(): boolean;
  onStarted?(index: number, sessionId: string): void;
}

export interface SessionRun {
  index: number;
  sessionId?: string;
  /** Turns that ended well. */
  turns: number;
  status: SessionStatus | 'not-started';
  reason?: string;
}

export async function driveSession(ctx: DriveContext, index: number): Promise<SessionRun> {
  const { target, workload, ledger } = ctx;
  let sessionId: string;
  try {
    sessionId = await target.start(ctx.specFor(index));
  } catch (error) {
    return { index, turns: 0, status: 'not-started', reason: messageOf(error) };
  }
  ledger.track(sessionId);
  // Subscribed in the same tick as start() resolved: chunks only arrive on later ticks.
  target.chunks(sessionId).subscribe((chunk) => ledger.receive(sessionId, chunk));
  ctx.onStarted?.(index, sessionId);
  let turns = 0;
  for (let turn = 1; ; turn += 1) {
    const info = await target.whenSettled(sessionId);
    if (info.status !== 'idle') return { index, sessionId, turns, status: info.status, reason: info.reason };
    if (info.lastTurnOk) turns += 1;
    const timeUp = ctx.deadline !== undefined && performance.now() >= ctx.deadline;
    if (ctx.stopping() || turn >= workload.turns || timeUp) return { index, sessionId, turns, status: 'idle' };
    try {
      await target.send(`Carry on with part ${turn + 1} of the work.`, sessionId);
    } catch (error) {
      const now = target.get(sessionId);
      return { index, sessionId, turns, status: now?.status ?? 'failed', reason: messageOf(error) };
    }
  }
}
