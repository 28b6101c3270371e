/** The final summary of a run as a two-column table, figures right-aligned. */
import type { StressReport } from './report.js';

const n = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function summaryRows(report: StressReport): Array<[string, string]> {
  const { latencyMs: l, loopLagMs: lag, cpu } = report;
  const mark = (value: number) => (value === 0 ? n(value) : `${n(value)}  <-- must be 0`);
  return [
    ['sessions', n(report.sessions)],
    ['turns completed', n(report.turns)],
    ['lines sent by agents', n(report.linesSent)],
    ['chunks sent', n(report.chunksSent)],
    ['chunks received', n(report.chunksReceived)],
    ['chunks logged', n(report.chunksLogged)],
    ['lost', mark(report.lost)],
    ['duplicated', mark(report.duplicated)],
    ['orphans', mark(report.orphans)],
    ['restarts', n(report.restarts)],
    ['failed sessions', n(report.failed)],
    ['throughput', `${n(report.throughput)} chunks/s`],
    ['latency p50 / p95 / p99', `${n(l.p50, 1)} / ${n(l.p95, 1)} / ${n(l.p99, 1)} ms`],
    ['latency max', `${n(l.max, 1)} ms (${n(l.samples)} samples)`],
    ['event-loop lag p50 / p99', `${n(lag.p50, 1)} / ${n(lag.p99, 1)} ms`],
    ['peak RSS', `${n(report.peakRssMb, 1)} MB`],
    ['RSS per session (running / idle)', `${n(report.rssPerSessionMb, 2)} / ${n(report.idleRssPerSessionMb, 2)} MB`],
    ['CPU troupe (main thread) / agents', `${n(cpu.troupeSec, 1)} (${n(cpu.mainThreadSec, 1)}) / ${n(cpu.agentsSec, 1)} s over ${n(cpu.wallSec, 1)} s`],
    ['duration', `${n(report.durationSec, 1)} s`],
  ];
}

export function renderSummary(report: StressReport): string {
  const rows = summaryRows(report);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  if (report.untallied > 0) lines.push(`  (${report.untallied} agent process(es) left no tally: killed by a signal, their lines not counted)`);
  for (const problem of report.problems) lines.push(`  ! ${problem}`);
  return `${lines.join('\n')}\n`;
}
