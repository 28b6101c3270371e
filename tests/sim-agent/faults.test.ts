/** crash-after / crash-signal / crash-exit-code / crash-times / crash-rate / hang-after. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, isInit, isResult, runSim, startSim, STREAM_FLAGS, tempDirs, textBlocks, waitForStderr } from './run-sim.js';

describe('injected faults', () => {
  let dirs: ReturnType<typeof tempDirs>;
  let env: Record<string, string>;
  beforeEach(() => {
    dirs = tempDirs();
    env = { TROUPE_SIM_STATE_DIR: dirs.stateDir, TROUPE_SIM_CHUNKS: '6' };
  });
  afterEach(() => dirs.cleanup());

  it('crash-after N: exactly N text chunks reach the reader, then exit 1 with no result', async () => {
    const run = await runSim(['-p', 'work', ...STREAM_FLAGS, '--sim-crash-after', '4'], { env, cwd: dirs.cwd });
    expect(run.code).toBe(1);
    expect(run.signal).toBeNull();
    expect(textBlocks(run.events)).toHaveLength(4);
    expect(run.events.some(isResult)).toBe(false);
    expect(run.stderr).toContain('simulated crash');
    // The last line written before the crash arrived whole.
    expect(run.stdout.at(-1)).toBe(0x0a);
  });

  it('crash-exit-code picks the exit code; crash-after 0 crashes right after init', async () => {
    const run = await runSim(['-p', 'work', ...STREAM_FLAGS], {
      env: { ...env, TROUPE_SIM_CRASH_AFTER: '0', TROUPE_SIM_CRASH_EXIT_CODE: '42' },
      cwd: dirs.cwd,
    });
    expect(run.code).toBe(42);
    expect(run.events).toHaveLength(1);
    expect(isInit(run.events[0]!)).toBe(true);
  });

  it.each(['SIGKILL', 'SIGSEGV', 'SIGTERM'])('crash-signal %s: the agent dies by that signal after N chunks', async (signal) => {
    const run = await runSim(['-p', 'work', ...STREAM_FLAGS, '--sim-crash-after', '3', '--sim-crash-signal', signal], {
      env,
      cwd: dirs.cwd,
    });
    expect(run.signal).toBe(signal);
    expect(run.code).toBeNull();
    expect(textBlocks(run.events)).toHaveLength(3);
  });

  it('crash-times 1 (the default): the resumed run of the same conversation completes', async () => {
    const crashing = { ...env, TROUPE_SIM_CRASH_AFTER: '2' };
    const first = await runSim(['-p', 'work', ...STREAM_FLAGS], { env: crashing, cwd: dirs.cwd });
    expect(first.code).toBe(1);
    const id = first.events[0]?.session_id as string;
    const second = await runSim(['-p', 'continue', '--resume', id, ...STREAM_FLAGS], { env: crashing, cwd: dirs.cwd });
    expect(second.code).toBe(0);
    expect(second.events.at(-1)).toMatchObject({ type: 'result', is_error: false, session_id: id });
    // The crashed turn's prompt was stored before the crash.
    expect(textBlocks(second.events).join('')).toContain('the last one was "work"');
  });

  it('crash-times 2 crashes twice before behaving; 0 crashes every time', async () => {
    const twice = { ...env, TROUPE_SIM_CRASH_AFTER: '1', TROUPE_SIM_CRASH_TIMES: '2' };
    const first = await runSim(['-p', 'a', ...STREAM_FLAGS], { env: twice, cwd: dirs.cwd });
    const id = first.events[0]?.session_id as string;
    const codes = [first.code];
    for (let i = 0; i < 2; i++) codes.push((await runSim(['-p', 'b', '-r', id, ...STREAM_FLAGS], { env: twice, cwd: dirs.cwd })).code);
    expect(codes).toEqual([1, 1, 0]);

    const always = { ...env, TROUPE_SIM_CRASH_AFTER: '1', TROUPE_SIM_CRASH_TIMES: '0' };
    const start = await runSim(['-p', 'a', ...STREAM_FLAGS], { env: always, cwd: dirs.cwd });
    const again = await runSim(['-p', 'b', '-r', start.events[0]?.session_id, ...STREAM_FLAGS], { env: always, cwd: dirs.cwd });
    expect([start.code, again.code]).toEqual([1, 1]);
  });

  it('crash-rate 1 crashes every turn at some chunk; crash-rate 0 never', async () => {
    const sure = await runSim(['-p', 'a', ...STREAM_FLAGS, '--sim-crash-rate', '1'], { env, cwd: dirs.cwd });
    expect(sure.code).toBe(1);
    expect(sure.events.some(isResult)).toBe(false);
    expect(textBlocks(sure.events).length).toBeLessThanOrEqual(6);
    const never = await runSim(['-p', 'a', ...STREAM_FLAGS, '--sim-crash-rate', '0'], { env, cwd: dirs.cwd });
    expect(never.code).toBe(0);
  });

  it('counts chunks over the whole process in long-lived mode', async () => {
    const child = startSim(['-p', '--input-format', 'stream-json', ...STREAM_FLAGS, '--sim-crash-after', '8'], {
      env,
      cwd: dirs.cwd,
      stdin: '',
    });
    const done = collect(child);
    const line = (text: string) => `${JSON.stringify({ type: 'user', message: { role: 'user', content: text } })}\n`;
    child.stdin?.end(line('one') + line('two'));
    const run = await done;
    expect(run.code).toBe(1);
    expect(run.events.filter(isResult)).toHaveLength(1);
    expect(textBlocks(run.events)).toHaveLength(8);
  });

  it('hang-after N: writes N chunks, then stays alive writing nothing until killed', async () => {
    const child = startSim(['-p', 'work', ...STREAM_FLAGS, '--sim-hang-after', '2'], { env, cwd: dirs.cwd });
    const done = collect(child);
    await waitForStderr(child, 'simulated hang');
    expect(child.exitCode).toBeNull();
    expect(child.signalCode).toBeNull();
    child.kill('SIGKILL');
    const run = await done;
    expect(run.signal).toBe('SIGKILL');
    expect(textBlocks(run.events)).toHaveLength(2);
    expect(run.events.some(isResult)).toBe(false);
  });

  it('hang-after answers SIGTERM with exit 143', async () => {
    const child = startSim(['-p', 'work', ...STREAM_FLAGS, '--sim-hang-after', '0'], { env, cwd: dirs.cwd });
    const done = collect(child);
    await waitForStderr(child, 'simulated hang');
    child.kill('SIGTERM');
    expect((await done).code).toBe(143);
  });
});
