/** --input-format stream-json: one process, one turn per stdin user message, exit 0 on close. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, isInit, isResult, startSim, STREAM_FLAGS, tempDirs, textBlocks, waitForLine } from './run-sim.js';

const LONG_LIVED = ['-p', '--input-format', 'stream-json', ...STREAM_FLAGS];
const userLine = (content: unknown) => `${JSON.stringify({ type: 'user', message: { role: 'user', content } })}\n`;

describe('long-lived mode', () => {
  let dirs: ReturnType<typeof tempDirs>;
  let env: Record<string, string>;
  beforeEach(() => {
    dirs = tempDirs();
    env = { TROUPE_SIM_STATE_DIR: dirs.stateDir };
  });
  afterEach(() => dirs.cleanup());

  it('runs two turns in one process, each init..result, same session, second remembers the first', async () => {
    const child = startSim(LONG_LIVED, { env, cwd: dirs.cwd, stdin: '' });
    const done = collect(child);
    child.stdin?.write(userLine('Sketch the cache layer'));
    // The second message goes in only once the first turn is over, as a supervisor would send it.
    await waitForLine(child, isResult);
    child.stdin?.write(userLine([{ type: 'text', text: 'Now the eviction policy' }]));
    await waitForLine(child, isResult);
    child.stdin?.end();
    const run = await done;

    expect(run.code).toBe(0);
    const inits = run.events.filter(isInit);
    const results = run.events.filter(isResult);
    expect(inits).toHaveLength(2);
    expect(results).toHaveLength(2);
    expect(inits[1]?.session_id).toBe(inits[0]?.session_id);
    expect(run.events[0]).toBe(inits[0]);
    expect(run.events.at(-1)).toBe(results[1]);
    const secondTurn = run.events.slice(run.events.indexOf(inits[1]!));
    expect(textBlocks(secondTurn).join('')).toContain('"Sketch the cache layer"');
    // total_cost_usd is a running total for the process.
    expect(results[1]?.total_cost_usd).toBeGreaterThan(results[0]?.total_cost_usd);
  });

  it('queues messages that arrive during a turn and runs them in order', async () => {
    const child = startSim(LONG_LIVED, { env, cwd: dirs.cwd, stdin: '' });
    const done = collect(child);
    child.stdin?.end(userLine('one') + userLine('two') + userLine('three'));
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.events.filter(isResult)).toHaveLength(3);
    const thirdTurn = run.events.slice(run.events.findLastIndex(isInit));
    expect(textBlocks(thirdTurn).join('')).toContain('2 earlier user messages; the last one was "two"');
  });

  it('skips lines that are not user messages, says so on stderr, and carries on', async () => {
    const child = startSim(LONG_LIVED, { env, cwd: dirs.cwd, stdin: '' });
    const done = collect(child);
    child.stdin?.end(`not json\n${JSON.stringify({ type: 'keep_alive' })}\n${JSON.stringify({ type: 'control_request', request_id: 'c1', request: { subtype: 'mcp_message' } })}\n\n${userLine('real one')}`);
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.events.filter(isResult)).toHaveLength(1);
    expect(run.stderr).toContain('skipped a stdin line (not JSON)');
    expect(run.stderr).toContain('is not "user"');
    // A control request it does not serve is answered, as Claude does, rather than left waiting.
    expect(run.events).toContainEqual(expect.objectContaining({ type: 'control_response', response: expect.objectContaining({ subtype: 'error', request_id: 'c1' }) }));
  });

  it('resumes a stored conversation when started with --resume', async () => {
    const first = startSim(LONG_LIVED, { env, cwd: dirs.cwd, stdin: '' });
    const firstDone = collect(first);
    first.stdin?.end(userLine('Remember the word heron'));
    const id = (await firstDone).events[0]?.session_id as string;

    const second = startSim([...LONG_LIVED, '--resume', id], { env, cwd: dirs.cwd, stdin: '' });
    const secondDone = collect(second);
    second.stdin?.end(userLine('Which word?'));
    const run = await secondDone;
    expect(run.events[0]?.session_id).toBe(id);
    expect(textBlocks(run.events).join('')).toContain('"Remember the word heron"');
  });
});
