/**
 * `node --cpu-prof --cpu-prof-dir=<dir> dist/bench/profile-load.js 100x20 [seconds]`: one troupe
 * scale run (no baseline) to profile, main thread and session workers alike (the pool passes the
 * parent's --cpu-prof on to its threads). Summarise with dist/bench/profile-top.js <dir>.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReceiveLedger } from '../stress/ledger.js';
import { troupeEngine } from '../stress/troupe-target.js';
import { scaleRun } from './scale.js';

const [load, secondsText] = process.argv.slice(2);
const match = /^(\d+)x(\d+)$/.exec(load ?? '');
if (!match) throw new Error('usage: profile-load.js <sessions>x<rate> [seconds]');
const seconds = Number(secondsText ?? 10);
let ledger: ReceiveLedger | undefined;
const report = await scaleRun(
  { sessions: Number(match[1]), rate: Number(match[2]), chunkBytes: 200, turnSeconds: 5, window: { warmupMs: 1_000, windowMs: seconds * 1000 } },
  troupeEngine,
  { observe: (view) => ((ledger = view.ledger), () => undefined) },
);
// The window on the profiles' clock (monotonic µs), so profile-top.js counts only the steady stretch.
const dir = process.execArgv.find((flag) => flag.startsWith('--cpu-prof-dir='))?.slice('--cpu-prof-dir='.length);
if (dir && ledger) {
  const toMonotonicUs = (epochMs: number) => Number(process.hrtime.bigint() / 1000n) - (Date.now() - epochMs) * 1000;
  const { start, end } = ledger.windowEpoch;
  await writeFile(join(dir, 'window.json'), JSON.stringify({ fromUs: toMonotonicUs(start), toUs: toMonotonicUs(end) }));
}
const { throughput, latencyMs, loopLagMs, cpu, lost } = report;
process.stdout.write(
  `${load}: ${throughput.toFixed(0)} chunks/s, latency p99 ${latencyMs.p99.toFixed(1)} ms, loop lag p99 ${loopLagMs.p99.toFixed(1)} ms, ` +
    `CPU ${((cpu.troupeSec / (throughput * cpu.wallSec)) * 1e6).toFixed(0)} us/chunk (main thread ${cpu.mainThreadSec.toFixed(2)} of ${cpu.troupeSec.toFixed(2)} s), lost ${lost}\n`,
);
