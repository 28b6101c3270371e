/**
 * `npm run bench`: where troupe stands, measured side by side with an in-thread baseline in one
 * run (ratios count; absolute figures depend on the machine). Sections: start and restart
 * latency, a flood against the pipe limit, scale at a steady rate, the issue's target load, the
 * dashboard feed; then the other engineers' benches when they are built. Writes
 * bench/results/<name>.json and <name>.svg and prints the tables.
 * Options: --name <name> --sizes 10,50,100,200 --rate 20 --load 100x100 --window <s> --quick --no-extras
 */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { distPath, PACKAGE_ROOT } from '../paths.js';
import { renderChart } from './chart.js';
import { measureFeedLatency, type FeedLatency } from './feed-latency.js';
import { runFlood, type FloodFigures } from './flood.js';
import { cpuTable, floodTable, latencyTable, scaleTable, targetsTable } from './report-tables.js';
import { measureRestartLatency, type RestartLatency } from './restart-latency.js';
import { runScaleRow, type ScaleRow, type ScaleSpec } from './scale.js';
import { measureStartLatency, type StartLatency } from './start-latency.js';
import { checkTargets } from './targets.js';
import { BENCH_USAGE, BUDGET_MS, parseBenchArgs, type BenchConfig } from './bench-config.js';

const say = (text: string) => process.stderr.write(text);

async function runExtras(startedAt: number): Promise<string[]> {
  const ran: string[] = [];
  const extras: Array<{ file: string; args: string[]; minutes: number; needs?: string }> = [
    { file: 'bench/beads.js', args: [], minutes: 0.5 },
    { file: 'bench/logs.js', args: ['--mb', '50', '--seconds', '3'], minutes: 1.5 },
    { file: 'bench/workspaces.js', args: [], minutes: 0.5 },
    { file: 'bench/read-floor.js', args: ['--pipes', '100', '--rate', '20', '--seconds', '5'], minutes: 1 },
    { file: 'bench/dashboard.js', args: ['--sessions', '20', '--seconds', '10'], minutes: 1.5, needs: '/usr/bin/chromium' },
  ];
  for (const extra of extras) {
    const path = distPath(extra.file);
    const left = BUDGET_MS - (performance.now() - startedAt);
    if (!existsSync(path)) continue;
    if (extra.needs && !existsSync(extra.needs)) {
      say(`skipping ${extra.file}: ${extra.needs} is missing\n`);
      continue;
    }
    if (left < extra.minutes * 60_000) {
      say(`skipping ${extra.file}: ${(left / 1000).toFixed(0)} s left of the ${BUDGET_MS / 60_000}-minute budget\n`);
      continue;
    }
    process.stdout.write(`\n## ${extra.file.replace('bench/', '').replace('.js', '')} (node dist/${extra.file} ${extra.args.join(' ')})\n`);
    const run = await execa(process.execPath, [path, ...extra.args], { stdout: 'inherit', stderr: 'inherit', reject: false, timeout: left - 15_000 });
    ran.push(`${extra.file}: ${run.exitCode === 0 ? 'ok' : `failed (${run.timedOut ? 'timed out' : `exit ${run.exitCode}`})`}`);
  }
  return ran;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return;
  }
  let config: BenchConfig;
  try {
    config = parseBenchArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${BENCH_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const startedAt = performance.now();
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version, loadAtStart: loadavg() };
  say(`bench ${config.name}: ${machine.cores} cores (${machine.cpu}), load average ${machine.loadAtStart.map((l) => l.toFixed(1)).join(' ')}\n`);
  const window = { warmupMs: config.warmupMs, windowMs: config.windowMs, idleMs: config.idleMs };
  const spec = (sessions: number, rate: number): ScaleSpec => ({ sessions, rate, chunkBytes: config.chunkBytes, turnSeconds: 5, window });

  say('start latency…');
  const start: StartLatency = await measureStartLatency(config.latencyRuns);
  say(' restart latency…');
  const restart: RestartLatency = await measureRestartLatency(config.latencyRuns);
  say(' done\n');
  const flood: FloodFigures = await runFlood({ sessions: config.floodSessions, chunkBytes: config.chunkBytes, flatOutChunks: 2_000, window }, say);
  const scale: ScaleRow[] = [];
  for (const sessions of config.sizes) scale.push(await runScaleRow(spec(sessions, config.rate), say));
  const load: ScaleRow | undefined = config.load ? await runScaleRow(spec(config.load.sessions, config.load.rate), say) : undefined;
  say(`dashboard feed: ${config.feedSessions} sessions at ${config.rate}/s with a WebSocket client…`);
  const feed: FeedLatency = await measureFeedLatency({ ...spec(config.feedSessions, config.rate), window: { warmupMs: config.warmupMs, windowMs: config.windowMs } });
  say(' done\n');
  const targets = checkTargets({ scale, load, start, flood });

  const dir = join(PACKAGE_ROOT, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const chart = renderChart({
    title: `troupe vs in-thread baseline: ${config.rate} chunks/s per session, ${config.chunkBytes}-byte chunks`,
    subtitle: `${machine.cores} cores, ${machine.cpu}, Node ${machine.node}; p99 over a ${config.windowMs / 1000} s window once every session streams; ${config.name}`,
    panels: [
      { title: 'Delivery latency p99 (agent write -> subscriber)', unit: 'ms', target: 50, points: scale.map((r) => ({ sessions: r.sessions, troupe: r.troupe.latencyMs.p99, baseline: r.baseline.latencyMs.p99 })) },
      { title: 'Main-thread event-loop lag p99', unit: 'ms', target: 20, points: scale.map((r) => ({ sessions: r.sessions, troupe: r.troupe.loopLagMs.p99, baseline: r.baseline.loopLagMs.p99 })) },
    ],
  });
  const chartPath = join(dir, `${config.name}.svg`);
  await writeFile(chartPath, chart);
  const durationSec = (performance.now() - startedAt) / 1000;
  const results = { name: config.name, at: new Date().toISOString(), machine: { ...machine, loadAtEnd: loadavg() }, config, start, restart, flood, scale, load, feed, targets, durationSec };
  const resultsPath = join(dir, `${config.name}.json`);
  await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`);

  const out = (text: string) => process.stdout.write(text);
  out(`\n# troupe bench ${config.name} (${durationSec.toFixed(0)} s; load average ${machine.loadAtStart[0]!.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end)\n`);
  out(`\n## scale: steady ${config.rate} chunks/s per session, ${config.chunkBytes}-byte chunks (each cell: troupe / baseline)\n`);
  out(scaleTable(load ? [...scale, load] : scale));
  out(`\n## CPU: troupe's whole process (every thread) per chunk delivered, the share outside the main thread, and the cores used once every session is idle (agent waiting for input, ${config.idleMs / 1000} s)\n`);
  out(cpuTable([...(load ? [...scale, load] : scale).map((r) => ({ label: `${r.sessions} x ${r.rate}/s`, troupe: r.troupe, baseline: r.baseline })), { label: `flood, ${flood.sessions} sessions`, troupe: flood.troupe, baseline: flood.baseline }]));
  out(`\n## flood: ${flood.sessions} sessions writing flat out, against the limit (${flood.limit.pipes} pipes of ${((flood.limit.bytes / flood.limit.pipes) / 1024 / 1024).toFixed(1)} MB read and JSON-parsed on one thread)\n`);
  out(floodTable(flood));
  out('\n## start, restart and dashboard feed\n');
  out(latencyTable(start, restart, feed));
  out('\n## targets\n');
  out(targetsTable(targets));
  out(`\nresults: ${resultsPath}\nchart:   ${chartPath}\n`);
  if (config.extras) await runExtras(startedAt);
}

await main();
