/**
 * Scale: N sessions streaming at a steady rate, troupe and the in-thread baseline one after the
 * other on the same workload; figures come from a window once every session streams.
 * Agents are long-lived (turns follow each other on stdin), so no process is spawned while measuring.
 */
import type { StressReport } from '../stress/report.js';
import { runStress, type MeasureWindow, type StressOptions } from '../stress/run-stress.js';
import type { StressEngine } from '../stress/troupe-target.js';
import { troupeEngine } from '../stress/troupe-target.js';
import { checkWorkload } from '../stress/workload.js';
import { inThreadEngine } from './in-thread-sessions.js';

export interface ScaleSpec {
  sessions: number;
  /** Chunks per second per session. */
  rate: number;
  chunkBytes: number;
  /** Seconds one turn lasts at that rate. */
  turnSeconds: number;
  /** Chunks per turn when the rate is 0 (flat out). */
  flatOutChunks?: number;
  window: MeasureWindow;
}

export interface ScaleRow {
  sessions: number;
  rate: number;
  troupe: StressReport;
  baseline: StressReport;
}

export const BENCH_SHUTDOWN_MS = 2_000;

export function scaleRun(spec: ScaleSpec, engine: StressEngine, extra: Partial<StressOptions> = {}): Promise<StressReport> {
  const workload = checkWorkload({
    sessions: spec.sessions,
    turns: Infinity,
    chunks: spec.rate > 0 ? Math.max(1, Math.round(spec.rate * spec.turnSeconds)) : (spec.flatOutChunks ?? 2_000),
    rate: spec.rate,
    chunkBytes: spec.chunkBytes,
    longLived: true,
  });
  return runStress({ workload, engine, window: spec.window, supervision: { shutdownMs: BENCH_SHUTDOWN_MS }, ...extra });
}

export async function runScaleRow(spec: ScaleSpec, say: (text: string) => void): Promise<ScaleRow> {
  say(`scale: ${spec.sessions} sessions at ${spec.rate} chunks/s each: troupe…`);
  const troupe = await scaleRun(spec, troupeEngine);
  say(` baseline…`);
  const baseline = await scaleRun(spec, inThreadEngine);
  say(` done\n`);
  return { sessions: spec.sessions, rate: spec.rate, troupe, baseline };
}
