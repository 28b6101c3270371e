/**
 * The agents' autogroup nice follows how many are live: together they weigh about one nice-0
 * group. A lone agent at nice 19 got ~1.5% of a core beside two CPU hogs (real CLIs timed out).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { agentNiceFor } from '../../src/process/autogroup-nice.js';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';
import { simEnv } from '../helpers/sim-env.js';

let fixture: SupervisorFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

async function niceOf(pid: number): Promise<number> {
  return Number(/nice (-?\d+)/.exec(await readFile(`/proc/${pid}/autogroup`, 'utf8'))?.[1]);
}

/** Polls /proc until every pid's autogroup has `nice`; returns what was last seen. */
async function untilNice(pids: number[], nice: number, limitMs = 30_000): Promise<number[]> {
  const end = Date.now() + limitMs;
  for (;;) {
    const seen = await Promise.all(pids.map(niceOf));
    if (seen.every((n) => n === nice) || Date.now() > end) return seen;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('agent priority', () => {
  it('runs a lone agent at nice 0, four at the nice of a quarter share, and the one left back at 0', async () => {
    fixture = await supervisorFixture({ warmThreads: 4 });
    const { supervisor, project } = fixture;
    const start = (n: number) => supervisor.start({ backend: 'sim', persona: 'specialist', prompt: `hold ${n}`, env: simEnv(project.simStateDir, { hangAfter: 1 }) });
    const pidOf = async (id: string) => {
      while (!(supervisor.get(id)?.pid ?? 0)) await new Promise((resolve) => setTimeout(resolve, 20));
      return supervisor.get(id)!.pid!;
    };

    const first = await start(0);
    const lone = await pidOf(first);
    expect(await untilNice([lone], 0)).toEqual([0]);

    const others = await Promise.all([1, 2, 3].map(start));
    const four = [lone, ...(await Promise.all(others.map(pidOf)))];
    const quarter = agentNiceFor(4);
    expect(await untilNice(four, quarter)).toEqual([quarter, quarter, quarter, quarter]);

    await Promise.all(others.map((id) => supervisor.stop(id)));
    expect(await untilNice([lone], 0)).toEqual([0]);
  }, 90_000);
});
