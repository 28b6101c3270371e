/** The targets, each checked against the run's figures, with the margin in words. */
import { cpuPerChunkUs, idleCores } from './cpu-figures.js';
import type { FloodFigures } from './flood.js';
import type { ScaleRow } from './scale.js';
import type { StartLatency } from './start-latency.js';

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
  margin: string;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

function limitCheck(target: string, value: number, limit: number, unit: (v: number) => string): TargetCheck {
  const met = value < limit;
  const margin = met ? `${unit(limit - value)} under` : `missed by ${unit(value - limit)} (${(value / limit).toFixed(1)}x the limit)`;
  return { target, measured: unit(value), met, margin };
}

const us = (v: number) => `${v.toFixed(0)} us`;

/** troupe's CPU per chunk within 2x the baseline's, measured in the same run. */
function cpuCheck(label: string, troupe: FloodFigures['troupe'], baseline: FloodFigures['baseline']): TargetCheck {
  const t = cpuPerChunkUs(troupe);
  const b = cpuPerChunkUs(baseline);
  const ratio = t / b;
  return {
    target: `${label}: CPU per chunk <= 2x the baseline`,
    measured: `${ratio.toFixed(1)}x (${us(t)} vs ${us(b)})`,
    met: ratio <= 2,
    margin: ratio <= 2 ? `${(2 / ratio).toFixed(1)}x to spare` : `missed by ${us(t - 2 * b)} per chunk (${(ratio / 2).toFixed(1)}x the limit)`,
  };
}

/** At least `share` of a reference figure (throughput), the margin as a share of it. */
function shareCheck(target: string, value: number, reference: number, share: number): TargetCheck {
  const got = reference > 0 ? value / reference : 0;
  return {
    target,
    measured: `${(got * 100).toFixed(0)}% (${value.toFixed(0)} of ${reference.toFixed(0)}/s)`,
    met: got >= share,
    margin: got >= share ? `${((got - share) * 100).toFixed(0)} points over` : `missed by ${((share - got) * 100).toFixed(0)} points`,
  };
}

export interface TargetInputs {
  scale: ScaleRow[];
  load?: ScaleRow;
  start?: StartLatency;
  flood?: FloodFigures;
}

export function checkTargets({ scale, load, start, flood }: TargetInputs): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const rows = load ? [...scale, load] : scale;
  for (const row of rows) checks.push(cpuCheck(`${row.sessions} x ${row.rate}/s`, row.troupe, row.baseline));
  for (const row of rows) checks.push(limitCheck(`${row.sessions} x ${row.rate}/s: loop lag p99 < 20 ms`, row.troupe.loopLagMs.p99, 20, ms));
  const idle = rows.find((row) => row.sessions === 100 && idleCores(row.troupe) !== undefined);
  if (idle) checks.push(limitCheck(`100 idle sessions (from ${idle.sessions} x ${idle.rate}/s): < 1% of a core`, idleCores(idle.troupe)! * 100, 1, (v) => `${v.toFixed(2)}%`));
  if (load) {
    const t = load.troupe;
    const at = `${load.sessions} sessions x ${load.rate}/s`;
    checks.push({ target: `${at}: 0 lost`, measured: String(t.lost), met: t.lost === 0, margin: t.lost === 0 ? 'met' : `${t.lost} lost` });
    checks.push({ target: `${at}: 0 orphans`, measured: String(t.orphans), met: t.orphans === 0, margin: t.orphans === 0 ? 'met' : `${t.orphans} left` });
    checks.push(limitCheck(`${at}: delivery latency p99 < 50 ms`, t.latencyMs.p99, 50, ms));
    checks.push(shareCheck(`${at}: throughput >= 90% of the baseline`, t.throughput, load.baseline.throughput, 0.9));
    checks.push(limitCheck(`${at}: troupe RSS per idle session < 16 MB`, t.idleRssPerSessionMb, 16, (v) => `${v.toFixed(1)} MB`));
  }
  if (start) checks.push(limitCheck('start latency within 15 ms of a direct spawn (median)', start.overheadMs, 15, ms));
  if (flood) {
    checks.push(cpuCheck(`flood from ${flood.sessions} sessions`, flood.troupe, flood.baseline));
    checks.push(shareCheck(`flood from ${flood.sessions} sessions: throughput >= 50% of the one-thread limit`, flood.troupe.throughput, flood.limit.linesPerSecond, 0.5));
    checks.push(limitCheck(`flood from ${flood.sessions} sessions: loop lag p99 < 20 ms`, flood.troupe.loopLagMs.p99, 20, ms));
    const ratio = flood.baseline.loopLagMs.p99 / Math.max(flood.troupe.loopLagMs.p99, 0.001);
    checks.push({
      target: `flood from ${flood.sessions} sessions: loop lag p99 >= 5x lower than baseline`,
      measured: `${ratio.toFixed(1)}x (${ms(flood.troupe.loopLagMs.p99)} vs ${ms(flood.baseline.loopLagMs.p99)})`,
      met: ratio >= 5,
      margin: ratio >= 5 ? `${(ratio / 5).toFixed(1)}x the target ratio` : `missed: ${ratio.toFixed(1)}x of the 5x asked`,
    });
  }
  return checks;
}
