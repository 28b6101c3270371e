/** The targets, each checked against the run's figures, with the margin in words. */
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

export function checkTargets(load: ScaleRow | undefined, start: StartLatency | undefined, flood: FloodFigures | undefined): TargetCheck[] {
  const checks: TargetCheck[] = [];
  if (load) {
    const t = load.troupe;
    const at = `${load.sessions} sessions x ${load.rate}/s`;
    checks.push({ target: `${at}: 0 lost`, measured: String(t.lost), met: t.lost === 0, margin: t.lost === 0 ? 'met' : `${t.lost} lost` });
    checks.push({ target: `${at}: 0 orphans`, measured: String(t.orphans), met: t.orphans === 0, margin: t.orphans === 0 ? 'met' : `${t.orphans} left` });
    checks.push(limitCheck(`${at}: loop lag p99 < 20 ms`, t.loopLagMs.p99, 20, ms));
    checks.push(limitCheck(`${at}: delivery latency p99 < 50 ms`, t.latencyMs.p99, 50, ms));
    checks.push(limitCheck(`${at}: troupe RSS per idle session < 16 MB`, t.idleRssPerSessionMb, 16, (v) => `${v.toFixed(1)} MB`));
  }
  if (start) checks.push(limitCheck('start latency within 15 ms of a direct spawn (median)', start.overheadMs, 15, ms));
  if (flood) {
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
