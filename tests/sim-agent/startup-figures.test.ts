/**
 * Figures, printed rather than asserted (timings depend on the machine): process start to
 * first stdout line (median of 20 spawns) and the resident memory of an idle agent.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, isInit, isResult, startSim, STREAM_FLAGS, tempDirs, waitForLine } from './run-sim.js';

const SPAWNS = 20;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!match) throw new Error('no VmRSS');
  return Number(match[1]);
}

describe('startup figures', () => {
  const dirs = tempDirs();
  const env = { TROUPE_SIM_STATE_DIR: dirs.stateDir };
  afterAll(() => dirs.cleanup());

  it(`start to first line, median of ${SPAWNS} spawns`, async () => {
    const times: number[] = [];
    for (let i = 0; i < SPAWNS; i++) {
      const started = performance.now();
      const child = startSim(['-p', 'hello', ...STREAM_FLAGS], { env, cwd: dirs.cwd });
      const done = collect(child);
      const first = await waitForLine(child, () => true);
      times.push(performance.now() - started);
      expect(isInit(first)).toBe(true);
      expect((await done).code).toBe(0);
    }
    console.log(
      `sim-agent start to first line: median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${SPAWNS} spawns)`,
    );
  });

  it('resident memory of an idle long-lived agent', async () => {
    const child = startSim(['-p', '--input-format', 'stream-json', ...STREAM_FLAGS], { env, cwd: dirs.cwd, stdin: '' });
    const done = collect(child);
    child.stdin?.write(`${JSON.stringify({ type: 'user', message: { role: 'user', content: 'hi' } })}\n`);
    await waitForLine(child, isResult);
    const rss = rssKiB(child.pid as number);
    console.log(`sim-agent idle RSS after one turn: ${(rss / 1024).toFixed(1)} MiB`);
    expect(rss).toBeGreaterThan(0);
    child.stdin?.end();
    expect((await done).code).toBe(0);
  });
});
