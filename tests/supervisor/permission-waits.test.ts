/**
 * A session that waits for a person, on virtual time: the real Supervisor and SessionRunner,
 * scripted agents that speak Claude's control protocol, a SimulatedClock.
 */
import { describe, expect, it } from 'vitest';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import type { EventOf, SessionEvent } from '../../src/protocol/index.js';
import { claudeLine, controlWrites } from '../helpers/scripted-agent.js';
import { expectReplayEqualsLive, makeHarness, type Harness } from '../helpers/virtual-supervisor.js';

const CLI_SESSION = '5b1e0c2a-7d3f-4a9b-8c6d-1e2f3a4b5c6d';

async function waitingSession(h: Harness, persona = 'specialist', extra = {}): Promise<string> {
  const id = await h.supervisor.start({ backend: 'sim', persona, prompt: 'x', longLived: true, ...extra });
  await h.until('spawned', () => h.host.agents.length === 1);
  return id;
}

function resolved(events: SessionEvent[]): EventOf<'permission-resolved'>[] {
  return events.filter((e): e is EventOf<'permission-resolved'> => e.type === 'permission-resolved');
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a refusal'),
    (error: unknown) => error,
  );
}

describe('permission requests on virtual time', () => {
  it('waits for a person, with the request attached, and never counts that time as a hang', async () => {
    const h = await makeHarness({ inactivityTimeoutMs: 5_000 });
    const id = await waitingSession(h);
    const agent = h.host.last;
    expect(agent.command.args).toEqual(expect.arrayContaining(['--input-format', 'stream-json', '--permission-prompt-tool', 'stdio']));
    expect(controlWrites(agent)[0]).toMatchObject({ type: 'control_request', request: { subtype: 'initialize' } });
    agent.print(claudeLine.init(CLI_SESSION), claudeLine.canUseTool('r1', 'npm publish'));
    await h.until('waiting', () => h.supervisor.get(id)?.status === 'waiting');
    expect(h.supervisor.get(id)?.pendingPermissions).toMatchObject([{ requestId: 'r1', kind: 'tool', toolName: 'Bash', summary: 'npm publish', reason: 'Run it', sessionRule: 'Bash(npm publish)' }]);
    // Far past the inactivity timeout: a person is slow, not the agent hung.
    await h.advance(60_000);
    expect(agent.alive).toBe(true);
    expect(h.supervisor.get(id)?.status).toBe('waiting');

    await h.supervisor.answerPermission(id, 'r1', { decision: 'allow' });
    expect(controlWrites(agent).at(-1)).toMatchObject({ type: 'control_response', response: { request_id: 'r1', response: { behavior: 'allow', updatedInput: { command: 'npm publish' } } } });
    await h.until('running', () => h.supervisor.get(id)?.status === 'running');
    expect(h.supervisor.get(id)?.pendingPermissions).toBeUndefined();
    expect(resolved(h.events)).toMatchObject([{ requestId: 'r1', decision: 'allow', by: 'person' }]);
    // Waiting is over, so silence counts again.
    await h.advance(5_000);
    await h.until('ended as silent', () => !agent.alive);
    expect(agent.signals).toContain('SIGTERM');
  });

  it('the first answer wins: a second gets ALREADY_ANSWERED, an unknown id UNKNOWN_REQUEST', async () => {
    const h = await makeHarness();
    const id = await waitingSession(h);
    h.host.last.print(claudeLine.init(CLI_SESSION), claudeLine.canUseTool('r1', 'make deploy'));
    await h.until('waiting', () => h.supervisor.get(id)?.status === 'waiting');
    const [first, second] = await Promise.allSettled([
      h.supervisor.answerPermission(id, 'r1', { decision: 'deny', message: 'not today' }),
      h.supervisor.answerPermission(id, 'r1', { decision: 'allow' }),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && isTroupeError(second.reason, 'ALREADY_ANSWERED')).toBe(true);
    expect(isTroupeError(await refusal(h.supervisor.answerPermission(id, 'r1', { decision: 'allow' })), 'ALREADY_ANSWERED')).toBe(true);
    expect(isTroupeError(await refusal(h.supervisor.answerPermission(id, 'nope', { decision: 'allow' })), 'UNKNOWN_REQUEST')).toBe(true);
    const answers = controlWrites(h.host.last).filter((m) => m.type === 'control_response');
    expect(answers).toMatchObject([{ response: { request_id: 'r1', response: { behavior: 'deny', message: 'not today' } } }]);
  });

  it('"allow for this session" makes the same request an answer of the policy, logged as such', async () => {
    const h = await makeHarness();
    const id = await waitingSession(h);
    const agent = h.host.last;
    agent.print(claudeLine.init(CLI_SESSION), claudeLine.canUseTool('r1', 'npm run lint', 'Bash(npm run lint:*)'));
    await h.until('waiting', () => h.supervisor.get(id)?.status === 'waiting');
    await h.supervisor.answerPermission(id, 'r1', { decision: 'allow', scope: 'session' });
    await h.until('running', () => h.supervisor.get(id)?.status === 'running');
    expect(h.supervisor.get(id)?.sessionRules).toEqual(['Bash(npm run lint:*)']);
    agent.print(claudeLine.canUseTool('r2', 'npm run lint -- --fix'));
    await h.until('answered by policy', () => resolved(h.events).length === 2);
    expect(resolved(h.events)).toMatchObject([
      { requestId: 'r1', by: 'person', scope: 'session', rule: 'Bash(npm run lint:*)' },
      { requestId: 'r2', by: 'policy', decision: 'allow', rule: 'Bash(npm run lint:*)', request: { summary: 'npm run lint -- --fix' } },
    ]);
    expect(h.events.filter((e) => e.type === 'permission-requested')).toHaveLength(1);
    expect(controlWrites(agent).at(-1)).toMatchObject({ response: { request_id: 'r2', response: { behavior: 'allow' } } });
    agent.print(claudeLine.result(true));
    await h.until('idle', () => h.supervisor.get(id)?.status === 'idle');
    await expectReplayEqualsLive(h, id);
  });

  it("the persona's policy answers first: QA engineers run tests; deny rules win; read-only denies edits", async () => {
    const h = await makeHarness();
    const qa = await waitingSession(h, 'qa-engineer', { permissions: { mode: 'ask', allow: ['Bash(npm test:*)'], deny: ['Bash(git push:*)'] } });
    const agent = h.host.last;
    agent.print(claudeLine.init(CLI_SESSION), claudeLine.canUseTool('t1', 'npm test'), claudeLine.canUseTool('t2', 'npm test && git push'));
    await h.until('both answered', () => resolved(h.events).length === 2);
    expect(resolved(h.events)).toMatchObject([
      { requestId: 't1', by: 'policy', decision: 'allow' },
      { requestId: 't2', by: 'policy', decision: 'deny', rule: 'Bash(git push:*)' },
    ]);
    expect(controlWrites(agent).filter((m) => m.type === 'control_response').map((m) => m.response?.response.behavior)).toEqual(['allow', 'deny']);
    expect(h.supervisor.get(qa)?.status).toBe('running');
  });

  it('an interrupt while a request is pending goes to the CLI as a control request, not a signal', async () => {
    const h = await makeHarness();
    const id = await waitingSession(h);
    const agent = h.host.last;
    agent.print(claudeLine.init(CLI_SESSION), claudeLine.canUseTool('r1', 'rm -rf build'));
    await h.until('waiting', () => h.supervisor.get(id)?.status === 'waiting');
    const interrupting = h.supervisor.interrupt(id);
    await h.until('asked the CLI', () => controlWrites(agent).some((m) => m.request?.subtype === 'interrupt'));
    agent.print(claudeLine.cancel('r1'), claudeLine.interrupted());
    await interrupting;
    await h.until('idle', () => h.supervisor.get(id)?.status === 'idle');
    expect(agent.signals).toEqual([]);
    expect(agent.alive).toBe(true);
    expect(h.supervisor.get(id)).toMatchObject({ lastTurn: 'interrupted' });
    expect(h.supervisor.get(id)?.pendingPermissions).toBeUndefined();
    expect(resolved(h.events)).toMatchObject([{ requestId: 'r1', by: 'cancelled', decision: 'deny' }]);
    // The next turn goes to the same process.
    await h.supervisor.send('go on', id);
    await h.until('running', () => h.supervisor.get(id)?.status === 'running');
    expect(h.host.agents).toHaveLength(1);
    agent.print(claudeLine.result(true));
    await h.until('idle again', () => h.supervisor.get(id)?.status === 'idle' && h.supervisor.get(id)?.lastTurn === 'done');
    await expectReplayEqualsLive(h, id);
  });

  it('a restart drops what was pending; the restarted agent asks again and an answer to the old id is stale', async () => {
    const h = await makeHarness({ restartPolicy: { minBackoffMs: 100, randomFactor: 0 } });
    const id = await waitingSession(h);
    h.host.last.print(claudeLine.init(CLI_SESSION), claudeLine.canUseTool('r1', 'npm publish'));
    await h.until('waiting', () => h.supervisor.get(id)?.status === 'waiting');
    h.host.last.exit(null, 'SIGKILL');
    await h.until('restarting', () => h.supervisor.get(id)?.status === 'restarting');
    expect(h.supervisor.get(id)?.pendingPermissions).toBeUndefined();
    expect(resolved(h.events)).toMatchObject([{ requestId: 'r1', by: 'cancelled' }]);
    await h.advance(100);
    await h.until('respawned', () => h.host.agents.length === 2);
    const again = h.host.last;
    expect(again.command.args).toEqual(expect.arrayContaining(['--resume', CLI_SESSION, '--permission-prompt-tool', 'stdio']));
    again.print(claudeLine.init(CLI_SESSION), claudeLine.canUseTool('r2', 'npm publish'));
    await h.until('waiting again', () => h.supervisor.get(id)?.status === 'waiting');
    expect(h.supervisor.get(id)?.pendingPermissions?.map((r) => r.requestId)).toEqual(['r2']);
    const stale = await refusal(h.supervisor.answerPermission(id, 'r1', { decision: 'allow' }));
    expect(isTroupeError(stale, 'UNKNOWN_REQUEST')).toBe(true);
    expect((stale as Error).message).toMatch(/r1 .* was withdrawn \(an interrupt or a restart\)/);
    await h.supervisor.answerPermission(id, 'r2', { decision: 'allow' });
    again.print(claudeLine.result(true));
    await h.until('idle', () => h.supervisor.get(id)?.status === 'idle');
    await expectReplayEqualsLive(h, id);
  });
});
