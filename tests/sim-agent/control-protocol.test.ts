/**
 * The simulated agent speaks Claude Code's control protocol (`--permission-prompt-tool stdio`):
 * tool calls that need approval ask the client and wait; allow runs the fake tool, deny gives an
 * error tool result and the turn goes on, an interrupt withdraws the request and ends the turn.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, isResult, startSim, STREAM_FLAGS, tempDirs, waitForLine, type Json } from './run-sim.js';

const CONTROL = ['-p', '--input-format', 'stream-json', ...STREAM_FLAGS, '--permission-prompt-tool', 'stdio'];
const line = (message: unknown) => `${JSON.stringify(message)}\n`;
const user = (content: string) => line({ type: 'user', message: { role: 'user', content } });
const isAsk = (e: Json) => e.type === 'control_request' && e.request?.subtype === 'can_use_tool';
const answer = (requestId: string, response: unknown) => line({ type: 'control_response', response: { subtype: 'success', request_id: requestId, response } });
const toolResults = (events: Json[]) => events.filter((e) => e.type === 'user').flatMap((e) => e.message.content).filter((b: Json) => b.type === 'tool_result');

describe('the control protocol of the simulated agent', () => {
  let dirs: ReturnType<typeof tempDirs>;
  let env: Record<string, string>;
  beforeEach(() => {
    dirs = tempDirs();
    env = { TROUPE_SIM_STATE_DIR: dirs.stateDir, TROUPE_SIM_CHUNKS: '2', TROUPE_SIM_TOOLS: '0' };
  });
  afterEach(() => dirs.cleanup());

  it('answers initialize, asks before each tool that needs approval, runs it when allowed and reports a denial', async () => {
    const child = startSim(CONTROL, { env: { ...env, TROUPE_SIM_PERMISSION_REQUESTS: '2' }, cwd: dirs.cwd, stdin: '' });
    const done = collect(child);
    child.stdin?.write(line({ type: 'control_request', request_id: 'init_1', request: { subtype: 'initialize' } }));
    child.stdin?.write(user('ship it'));
    const first = await waitForLine(child, isAsk);
    expect(first.request).toMatchObject({ tool_name: 'Bash', input: { command: 'npm test' }, permission_suggestions: [{ type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: 'npm test' }] }, expect.anything()] });
    child.stdin?.write(answer(first.request_id, { behavior: 'allow', updatedInput: first.request.input }));
    const second = await waitForLine(child, isAsk);
    expect(second.request).toMatchObject({ tool_name: 'Edit', input: { file_path: `${dirs.cwd}/src/config.ts` } });
    child.stdin?.write(answer(second.request_id, { behavior: 'deny', message: 'not that file' }));
    await waitForLine(child, isResult);
    child.stdin?.end();
    const run = await done;
    expect(run.code).toBe(0);
    expect(run.events[0]).toMatchObject({ type: 'control_response', response: { subtype: 'success', request_id: 'init_1' } });
    expect(toolResults(run.events)).toMatchObject([
      { tool_use_id: first.request.tool_use_id, is_error: false, content: expect.stringContaining('12 passed') },
      { tool_use_id: second.request.tool_use_id, is_error: true, content: 'not that file' },
    ]);
    expect(run.events.filter(isResult)).toMatchObject([{ is_error: false, subtype: 'success', permission_denials: [{ tool_name: 'Edit' }] }]);
  });

  it('an interrupt while a request is pending: cancel, acknowledge, reject the tool, end the turn; the process stays', async () => {
    const child = startSim(CONTROL, { env: { ...env, TROUPE_SIM_PERMISSION_REQUESTS: '1' }, cwd: dirs.cwd, stdin: '' });
    const done = collect(child);
    child.stdin?.write(user('ship it'));
    const ask = await waitForLine(child, isAsk);
    child.stdin?.write(line({ type: 'control_request', request_id: 'int_1', request: { subtype: 'interrupt' } }));
    const result = await waitForLine(child, isResult);
    expect(result).toMatchObject({ is_error: true, subtype: 'error_during_execution', terminal_reason: 'aborted_tools' });
    // Still alive: the next turn runs in the same process.
    child.stdin?.write(user('then just report'));
    const next = await waitForLine(child, isAsk);
    child.stdin?.write(answer(next.request_id, { behavior: 'allow' }));
    await waitForLine(child, isResult);
    child.stdin?.end();
    const run = await done;
    const kinds = run.events.map((e) => (e.type === 'control_cancel_request' ? `cancel:${e.request_id}` : e.type === 'control_response' ? `ack:${e.response.request_id}` : e.type));
    const cancelAt = kinds.indexOf(`cancel:${ask.request_id}`);
    expect(kinds.slice(cancelAt, cancelAt + 5)).toEqual([`cancel:${ask.request_id}`, 'ack:int_1', 'user', 'user', 'result']);
    expect(toolResults(run.events)[0]).toMatchObject({ is_error: true, content: expect.stringMatching(/doesn't want to proceed/) });
    expect(run.events.filter(isResult).map((r) => r.is_error)).toEqual([true, false]);
  });

  it('asks a question and continues with the chosen answer', async () => {
    const child = startSim(CONTROL, { env: { ...env, TROUPE_SIM_ASK_QUESTION: '1' }, cwd: dirs.cwd, stdin: '' });
    const done = collect(child);
    child.stdin?.write(user('plan the cache'));
    const ask = await waitForLine(child, isAsk);
    expect(ask.request.tool_name).toBe('AskUserQuestion');
    const { questions } = ask.request.input;
    expect(questions[0].options.map((o: Json) => o.label)).toEqual(['Small change', 'Refactor']);
    child.stdin?.write(answer(ask.request_id, { behavior: 'allow', updatedInput: { questions, answers: { [questions[0].question]: 'Refactor' } } }));
    await waitForLine(child, isResult);
    child.stdin?.end();
    const run = await done;
    expect(toolResults(run.events)[0]?.content).toBe(`User has answered your questions: "${questions[0].question}"="Refactor". You can now continue with the user's answers in mind.`);
  });

  it('with nobody to ask (no --permission-prompt-tool), denies itself as Claude does', async () => {
    const run = await collect(startSim(['-p', 'ship it', ...STREAM_FLAGS], { env: { ...env, TROUPE_SIM_PERMISSION_REQUESTS: '1' }, cwd: dirs.cwd }));
    expect(run.code).toBe(0);
    expect(run.events.some(isAsk)).toBe(false);
    expect(toolResults(run.events)).toMatchObject([{ is_error: true, content: "Claude requested permissions to use Bash, but you haven't granted it yet." }]);
    expect(run.events.filter(isResult)).toMatchObject([{ is_error: false, permission_denials: [{ tool_name: 'Bash', tool_input: { command: 'npm test' } }] }]);
  });

  it('honours the permission mode: bypassPermissions asks nothing', async () => {
    const run = await collect(startSim(['-p', 'ship it', ...STREAM_FLAGS, '--permission-mode', 'bypassPermissions'], { env: { ...env, TROUPE_SIM_PERMISSION_REQUESTS: '2' }, cwd: dirs.cwd }));
    expect(toolResults(run.events).map((r: Json) => r.is_error)).toEqual([false, false]);
  });
});
