/** The header's figures: sessions by status, restarts, cost, and the chunk rate. */
import type { SessionInfo } from '../protocol/session.js';
import type { DashboardStats } from '../protocol/wire.js';

export function computeStats(sessions: readonly SessionInfo[], chunkRate: number): DashboardStats {
  const stats: DashboardStats = {
    running: 0,
    idle: 0,
    failed: 0,
    restarting: 0,
    stopped: 0,
    total: sessions.length,
    chunkRate,
    restarts: 0,
    costUsd: 0,
    inputTokens: 0,
    outputTokens: 0,
  };
  for (const s of sessions) {
    if (s.status === 'running' || s.status === 'starting') stats.running++;
    else if (s.status === 'idle') stats.idle++;
    else if (s.status === 'failed') stats.failed++;
    else if (s.status === 'restarting') stats.restarting++;
    else if (s.status === 'stopped') stats.stopped++;
    stats.restarts += s.restarts;
    stats.costUsd += s.totals.costUsd;
    stats.inputTokens += s.totals.inputTokens;
    stats.outputTokens += s.totals.outputTokens;
  }
  return stats;
}

/** Counts events and reports how many arrived in the last full second. */
export class RateMeter {
  private count = 0;
  private windowStart: number;
  private lastRate = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.windowStart = now();
  }

  add(n = 1): void {
    this.roll();
    this.count += n;
  }

  rate(): number {
    this.roll();
    return this.lastRate;
  }

  private roll(): void {
    const now = this.now();
    const elapsed = now - this.windowStart;
    if (elapsed < 1000) return;
    // A window longer than a second (no events for a while) is averaged over its length.
    this.lastRate = Math.round((this.count * 1000) / elapsed);
    this.count = 0;
    this.windowStart = now;
  }
}
