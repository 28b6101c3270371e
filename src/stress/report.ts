import type { LoopLag } from './loop-lag.js';
import type { Spread } from './percentiles.js';
import type { CpuFigures } from './resources.js';
import type { Workload } from './workload.js';

/** One run's findings: what `troupe stress --json` prints and the benchmark records. */
export interface StressReport {
  /** What ran the sessions: `troupe`, or a benchmark's baseline. */
  engine: string;
  workload: Omit<Workload, 'turns'> & { turns: number | 'unlimited' };
  sessions: number;
  /** Turns that ended well, all sessions. */
  turns: number;
  /** Lines the agents wrote, by their own tallies. */
  linesSent: number;
  chunksSent: number;
  chunksReceived: number;
  chunksLogged: number;
  /** Sent but never received or never logged. Must be 0. */
  lost: number;
  /** A seq received (or logged) more than once. */
  duplicated: number;
  restarts: number;
  /** Sessions that ended failed (or could not start). */
  failed: number;
  /** Agent processes still alive after the run. Must be 0. */
  orphans: number;
  /** Agent processes that left no tally (killed by a signal): their lines could not be counted. */
  untallied: number;
  /** Chunks per second received while measuring. */
  throughput: number;
  /** From the agent's write of a line to the subscriber's receipt of its chunk. */
  latencyMs: Spread;
  /** Main-thread event-loop lag while measuring. */
  loopLagMs: LoopLag;
  peakRssMb: number;
  /** troupe's own RSS growth per session while the sessions ran (agents not included). */
  rssPerSessionMb: number;
  /** The same with every session idle (its worker alive, no agent process). */
  idleRssPerSessionMb: number;
  cpu: CpuFigures;
  /** The target's CPU once every turn ended (a benchmark's idle measure). */
  idle?: IdleFigures;
  /** Seconds measured (the whole run, or a benchmark's window). */
  measuredSec: number;
  durationSec: number;
  /** Seconds per phase: startSec (until measuring began), measureSec, stopSec, shutdownSec, verifySec, orphanScanSec. */
  phases: Record<string, number>;
  /** First problems found, in words. */
  problems: string[];
}

/** Non-zero when the run lost, duplicated or left anything behind. */
export function exitCodeOf(report: StressReport): number {
  return report.lost > 0 || report.orphans > 0 || report.duplicated > 0 ? 1 : 0;
}

/** CPU while every session is idle: its turn ended, its long-lived agent waiting for input. */
export interface IdleFigures {
  sessions: number;
  /** Agent processes alive while measuring (the sessions' long-lived agents). */
  agentsAlive: number;
  cpu: CpuFigures;
}
