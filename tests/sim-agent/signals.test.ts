/** SIGINT stops at once with 130 and no result line; SIGTERM exits 143. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, isResult, startSim, STREAM_FLAGS, tempDirs, waitForLine } from './run-sim.js';

describe('signals', () => {
  let dirs: ReturnType<typeof tempDirs>;
  beforeEach(() => (dirs = tempDirs()));
  afterEach(() => dirs.cleanup());

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s mid-turn exits %i without a result line', async (signal, code) => {
    // Slow enough that the turn is surely still running when the signal lands.
    const child = startSim(['-p', 'work', ...STREAM_FLAGS, '--sim-delay-ms', '1000', '--sim-chunks', '20'], {
      env: { TROUPE_SIM_STATE_DIR: dirs.stateDir },
      cwd: dirs.cwd,
    });
    const done = collect(child);
    await waitForLine(child, (e) => e.type === 'system');
    child.kill(signal);
    const run = await done;
    expect(run.code).toBe(code);
    expect(run.signal).toBeNull();
    expect(run.events.some(isResult)).toBe(false);
  });

  it('SIGTERM ends an idle long-lived agent with 143', async () => {
    const child = startSim(['-p', '--input-format', 'stream-json', ...STREAM_FLAGS], {
      env: { TROUPE_SIM_STATE_DIR: dirs.stateDir },
      cwd: dirs.cwd,
      stdin: '',
    });
    const done = collect(child);
    child.stdin?.write(`${JSON.stringify({ type: 'user', message: { role: 'user', content: 'hi' } })}\n`);
    await waitForLine(child, isResult);
    child.kill('SIGTERM');
    expect((await done).code).toBe(143);
  });
});
