/** The benchmark's printed tables, one per section; each troupe figure beside the baseline's. */
import type { StressReport } from '../stress/report.js';
import type { FeedLatency } from './feed-latency.js';
import type { FloodFigures } from './flood.js';
import type { RestartLatency } from './restart-latency.js';
import type { ScaleRow } from './scale.js';
import type { StartLatency } from './start-latency.js';
import type { TargetCheck } from './targets.js';
import { cpuPerChunkUs, idleCores, offMainShare } from './cpu-figures.js';
import { fixed, pair, renderTable } from './text-table.js';

const lossCell = (t: StressReport, b: StressReport) => `${t.lost + t.duplicated} / ${b.lost + b.duplicated}`;
const cpuCell = (r: StressReport) => `${fixed(r.cpu.troupeSec / r.cpu.wallSec, 2)} + ${fixed(r.cpu.agentsSec / r.cpu.wallSec, 2)}`;

export function scaleTable(rows: ScaleRow[]): string {
  return renderTable(
    ['sessions x rate', 'chunks/s', 'latency p50 ms', 'latency p99 ms', 'loop lag p99 ms', 'RSS/session MB run', 'idle', 'lost+dup', 'cores troupe+agents'],
    rows.map(({ sessions, rate, troupe: t, baseline: b }) => [
      `${sessions} x ${rate}/s`,
      pair(t.throughput, b.throughput, 0),
      pair(t.latencyMs.p50, b.latencyMs.p50),
      pair(t.latencyMs.p99, b.latencyMs.p99),
      pair(t.loopLagMs.p99, b.loopLagMs.p99),
      pair(t.rssPerSessionMb, b.rssPerSessionMb),
      pair(t.idleRssPerSessionMb, b.idleRssPerSessionMb),
      lossCell(t, b),
      `${cpuCell(t)} / ${cpuCell(b)}`,
    ]),
  );
}

const percent = (share: number) => `${fixed(share * 100, 0)}%`;
const idleCell = (r: StressReport) => {
  const cores = idleCores(r);
  return cores === undefined ? '-' : `${fixed(cores * 100, 2)}% (${r.idle!.agentsAlive} agents)`;
};

/** CPU per delivered chunk and where it went, each row troupe beside the baseline. */
export function cpuTable(rows: Array<{ label: string; troupe: StressReport; baseline: StressReport }>): string {
  return renderTable(
    ['workload', 'CPU us/chunk troupe / baseline', 'ratio', 'off-main share troupe / baseline', 'idle: cores troupe / baseline'],
    rows.map(({ label, troupe: t, baseline: b }) => [
      label,
      pair(cpuPerChunkUs(t), cpuPerChunkUs(b), 0),
      `${fixed(cpuPerChunkUs(t) / cpuPerChunkUs(b), 1)}x`,
      `${percent(offMainShare(t))} / ${percent(offMainShare(b))}`,
      `${idleCell(t)} / ${idleCell(b)}`,
    ]),
  );
}

export function floodTable(f: FloodFigures): string {
  const { troupe: t, baseline: b, limit } = f;
  return renderTable(
    ['flat out', 'troupe', 'baseline', 'limit (pipe + JSON.parse)'],
    [
      ['chunks/s (limit: lines/s)', fixed(t.throughput, 0), fixed(b.throughput, 0), fixed(limit.linesPerSecond, 0)],
      ['loop lag p50 / p99 ms', pair(t.loopLagMs.p50, t.loopLagMs.p99), pair(b.loopLagMs.p50, b.loopLagMs.p99), '-'],
      ['loop lag max ms', fixed(t.loopLagMs.max), fixed(b.loopLagMs.max), '-'],
      ['latency p50 / p99 ms', pair(t.latencyMs.p50, t.latencyMs.p99), pair(b.latencyMs.p50, b.latencyMs.p99), '-'],
      ['main-thread CPU s', fixed(t.cpu.mainThreadSec, 2), fixed(b.cpu.mainThreadSec, 2), `${fixed(limit.seconds, 2)} s wall`],
      ['process CPU s (all threads)', fixed(t.cpu.troupeSec, 2), fixed(b.cpu.troupeSec, 2), '-'],
      ['agents CPU s', fixed(t.cpu.agentsSec, 2), fixed(b.cpu.agentsSec, 2), '-'],
      ['lost + duplicated', String(t.lost + t.duplicated), String(b.lost + b.duplicated), '-'],
    ],
  );
}

export function latencyTable(start: StartLatency | undefined, restart: RestartLatency | undefined, feed: FeedLatency | undefined): string {
  const rows: string[][] = [];
  if (start) {
    rows.push(['start -> first chunk, troupe (warm pool)', fixed(start.troupeMs.p50), fixed(start.troupeMs.p95), `${start.runs} runs`]);
    rows.push(['spawn -> first line, direct', fixed(start.directMs.p50), fixed(start.directMs.p95), `overhead ${fixed(start.overheadMs)} ms`]);
  }
  if (restart) {
    rows.push(['crash -> resumed first chunk, beyond backoff', fixed(restart.beyondBackoffMs.p50), fixed(restart.beyondBackoffMs.p95), `backoff ${restart.backoffMs} ms, ${restart.runs} runs`]);
  }
  if (feed) {
    const t = feed.troupe;
    rows.push([`agent -> WebSocket client (${feed.sessions} x ${feed.rate}/s)`, fixed(feed.clientMs.p50), fixed(feed.clientMs.p95), `p99 ${fixed(feed.clientMs.p99)}, ${feed.watched} watched, ${feed.resyncs} resyncs`]);
    rows.push(['agent -> subscriber, same run', fixed(t.latencyMs.p50), fixed(t.latencyMs.p95), `p99 ${fixed(t.latencyMs.p99)}, loop lag p99 ${fixed(t.loopLagMs.p99)}`]);
  }
  return renderTable(['latency', 'p50 ms', 'p95 ms', 'note'], rows);
}

export function targetsTable(checks: TargetCheck[]): string {
  return renderTable(
    ['target', 'measured', 'verdict'],
    checks.map((c) => [c.target, c.measured, c.met ? `met (${c.margin})` : c.margin]),
  );
}
