/**
 * `node dist/bench/profile-top.js <dir> [count]`: the top self-time functions of the .cpuprofile
 * files Node's --cpu-prof wrote to <dir>, the main thread apart from the worker threads (their
 * profiles summed). Self time: the sampled time spent in the function itself, not its callees.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
}

function frameName({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  const where = url ? `${url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
}

export interface SampleWindow {
  fromUs: number;
  toUs: number;
}

/** Adds each sampled node's time (µs deltas) to its function's total, in ms; only samples inside `window` when given. */
export function addSelfTimes(profile: CpuProfile, totals: Map<string, number>, window?: SampleWindow): void {
  const names = new Map(profile.nodes.map((node) => [node.id, frameName(node.callFrame)]));
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    const name = names.get(id) ?? '(unknown)';
    totals.set(name, (totals.get(name) ?? 0) + delta / 1000);
  });
}

/** The busiest functions first; (idle) is left out, it is time spent waiting. */
export function topSelfTimes(totals: Map<string, number>, count: number): { top: SelfTime[]; busyMs: number } {
  const busy = [...totals].filter(([name]) => !name.startsWith('(idle)'));
  const busyMs = busy.reduce((sum, [, ms]) => sum + ms, 0);
  return { top: busy.sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, ms]) => ({ name, ms })), busyMs };
}

/** Node names a main-thread profile CPU.<date>.<time>.<pid>.0.<n>.cpuprofile; a worker's has its thread id there. */
function isMainThread(file: string): boolean {
  return basename(file).split('.')[4] === '0';
}

async function main(): Promise<void> {
  const [dir, countText] = process.argv.slice(2);
  if (!dir) throw new Error('usage: node dist/bench/profile-top.js <dir of .cpuprofile files> [count]');
  const count = Number(countText ?? 10);
  const entries = await readdir(dir);
  const files = entries.filter((file) => file.endsWith('.cpuprofile'));
  // profile-load.js leaves the measuring window's bounds here.
  const window = entries.includes('window.json') ? (JSON.parse(await readFile(join(dir, 'window.json'), 'utf8')) as SampleWindow) : undefined;
  const groups = { main: new Map<string, number>(), workers: new Map<string, number>() };
  let workers = 0;
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    if (isMainThread(file)) addSelfTimes(profile, groups.main, window);
    else {
      addSelfTimes(profile, groups.workers, window);
      workers += 1;
    }
  }
  for (const [label, totals] of Object.entries(groups)) {
    const { top, busyMs } = topSelfTimes(totals, count);
    if (label === 'main' && window) process.stdout.write(`\nsamples inside the measuring window only (${((window.toUs - window.fromUs) / 1e6).toFixed(1)} s)\n`);
    process.stdout.write(`\n${label === 'main' ? 'main thread' : `worker threads (${workers} profiles summed)`}: ${busyMs.toFixed(0)} ms busy\n`);
    for (const { name, ms } of top) process.stdout.write(`${ms.toFixed(0).padStart(8)} ms ${((ms / busyMs) * 100).toFixed(1).padStart(5)}%  ${name}\n`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) await main();
