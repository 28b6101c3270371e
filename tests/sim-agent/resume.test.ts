/** --resume continues the stored conversation under the same id; unknown ids fail like Claude. */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isInit, isResult, runSim, STREAM_FLAGS, tempDirs, textBlocks } from './run-sim.js';

describe('resume', () => {
  let dirs: ReturnType<typeof tempDirs>;
  let env: Record<string, string>;
  beforeEach(() => {
    dirs = tempDirs();
    env = { TROUPE_SIM_STATE_DIR: dirs.stateDir };
  });
  afterEach(() => dirs.cleanup());

  it('continues the same session id and remembers the earlier turns', async () => {
    const first = await runSim(['-p', 'Add a retry to the uploader', ...STREAM_FLAGS], { env, cwd: dirs.cwd });
    expect(first.code).toBe(0);
    const id = first.events.find(isInit)?.session_id as string;
    expect(textBlocks(first.events).join('')).not.toContain('Picking up where we left off');

    const second = await runSim(['-p', 'Now add a test', '--resume', id, ...STREAM_FLAGS], { env, cwd: dirs.cwd });
    expect(second.code).toBe(0);
    expect(second.events.find(isInit)?.session_id).toBe(id);
    expect(second.events.find(isResult)?.session_id).toBe(id);
    const text = textBlocks(second.events).join('');
    expect(text).toContain('1 earlier user message');
    expect(text).toContain('"Add a retry to the uploader"');

    const third = await runSim(['-p', 'Thanks', '-r', id, ...STREAM_FLAGS], { env, cwd: dirs.cwd });
    const thirdText = textBlocks(third.events).join('');
    expect(thirdText).toContain('2 earlier user messages');
    expect(thirdText).toContain('"Now add a test"');
  });

  it('fails an unknown id with an error_during_execution result and exit 1', async () => {
    const unknown = randomUUID();
    const run = await runSim(['-p', 'hello', '--resume', unknown, ...STREAM_FLAGS], { env, cwd: dirs.cwd });
    expect(run.code).toBe(1);
    expect(run.events).toHaveLength(1);
    expect(run.events[0]).toMatchObject({
      type: 'result',
      subtype: 'error_during_execution',
      is_error: true,
      errors: [`No conversation found with session ID: ${unknown}`],
    });
    expect(run.events[0]?.session_id).not.toBe(unknown);
    expect(run.stderr).toContain('No conversation found');
  });

  it('treats an id that cannot name a file as unknown', async () => {
    const run = await runSim(['-p', 'hello', '--resume', '../../etc/passwd', ...STREAM_FLAGS], { env, cwd: dirs.cwd });
    expect(run.code).toBe(1);
    expect(run.events[0]).toMatchObject({ subtype: 'error_during_execution', is_error: true });
  });

  it('uses --session-id for a new conversation and refuses it once taken', async () => {
    const id = randomUUID();
    const first = await runSim(['-p', 'hi', '--session-id', id, ...STREAM_FLAGS], { env, cwd: dirs.cwd });
    expect(first.events[0]?.session_id).toBe(id);
    const again = await runSim(['-p', 'hi', '--session-id', id, ...STREAM_FLAGS], { env, cwd: dirs.cwd });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`Session ID ${id} is already in use`);
    const bad = await runSim(['-p', 'hi', '--session-id', 'not-a-uuid', ...STREAM_FLAGS], { env, cwd: dirs.cwd });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Must be a valid UUID');
    expect(bad.stdout.length).toBe(0);
  });

  it('forks: --fork-session continues the history under a new id', async () => {
    const first = await runSim(['-p', 'Plan the migration', ...STREAM_FLAGS], { env, cwd: dirs.cwd });
    const id = first.events[0]?.session_id as string;
    const fork = await runSim(['-p', 'Go on', '--resume', id, '--fork-session', ...STREAM_FLAGS], { env, cwd: dirs.cwd });
    expect(fork.code).toBe(0);
    expect(fork.events[0]?.session_id).not.toBe(id);
    expect(textBlocks(fork.events).join('')).toContain('"Plan the migration"');
  });

  it('keeps the model of the stored conversation unless --model says otherwise', async () => {
    const first = await runSim(['-p', 'hi', '--model', 'opus', ...STREAM_FLAGS], { env, cwd: dirs.cwd });
    const id = first.events[0]?.session_id as string;
    expect(first.events[0]?.model).toBe('opus');
    const second = await runSim(['-p', 'again', '--resume', id, ...STREAM_FLAGS], { env, cwd: dirs.cwd });
    expect(second.events[0]?.model).toBe('opus');
    expect(second.events.find((e) => e.type === 'assistant')?.message.model).toBe('opus');
  });
});
