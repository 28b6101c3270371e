/**
 * The supervisor and the session runner as state machines, on virtual time: the real Supervisor
 * and SessionRunner, scripted agents, in-thread workers, a SimulatedClock. No thread, no process,
 * no sleep: time moves only when the test says so.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { Supervisor } from '../../src/supervisor/supervisor.js';
import { replayLog } from '../../src/logs/replay.js';
import { inThreadLauncher } from '../helpers/in-thread-worker.js';
import { adoptFromLog } from '../../src/supervisor/resume-from-log.js';
import type { SessionEvent } from '../../src/protocol/index.js';
import { claudeLine, type ScriptedAgent } from '../helpers/scripted-agent.js';
import { expectReplayEqualsLive, makeHarness, shutdownOnVirtualTime } from '../helpers/virtual-supervisor.js';

const CLI_SESSION = '5b1e0c2a-7d3f-4a9b-8c6d-1e2f3a4b5c6d';

function crash(agent: ScriptedAgent): void {
  agent.print(claudeLine.init(CLI_SESSION), claudeLine.text('half'));
  agent.exit(1);
}

function types(events: SessionEvent[]): string[] {
  return events.map((event) => event.type);
}

describe('the supervisor on virtual time', () => {
  it('restarts a crashing agent only once each backoff delay has passed, doubling, then gives up', async () => {
    const h = await makeHarness({ restartPolicy: { minBackoffMs: 200, maxBackoffMs: 10_000, maxRestarts: 3, periodMs: 60_000, randomFactor: 0 } });
    h.host.onSpawn = (agent) => queueMicrotask(() => crash(agent));
    const id = await h.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x' });
    await h.until('the first crash is answered', () => h.supervisor.get(id)?.status === 'restarting');
    const delays: number[] = [];
    for (const expected of [200, 400, 800]) {
      const info = h.supervisor.get(id)!;
      expect(info).toMatchObject({ status: 'restarting', restart: { delayMs: expected } });
      delays.push(info.restart!.delayMs);
      const spawned = h.host.agents.length;
      await h.advance(expected - 1);
      expect(h.host.agents.length).toBe(spawned); // not a millisecond early
      await h.advance(1);
      await h.until('the restarted agent crashed', () => h.host.agents.length === spawned + 1 && h.supervisor.get(id)?.status !== 'running');
    }
    expect(delays).toEqual([200, 400, 800]);
    await h.until('given up', () => h.supervisor.get(id)?.status === 'failed');
    expect(h.supervisor.get(id)).toMatchObject({ status: 'failed', restarts: 3, reason: expect.stringMatching(/restart intensity exceeded: 4 crashes within 60 s/) });
    expect(types(h.events).filter((t) => t === 'restart-scheduled')).toHaveLength(3);
    await expectReplayEqualsLive(h, id);
  });

  it('resets the backoff after a healthy run of resetAfterMs', async () => {
    const h = await makeHarness({ restartPolicy: { minBackoffMs: 100, maxBackoffMs: 10_000, maxRestarts: 10, resetAfterMs: 30_000, randomFactor: 0 } });
    let mode: 'crash' | 'hold' = 'crash';
    h.host.onSpawn = (agent) => queueMicrotask(() => (mode === 'crash' ? crash(agent) : agent.print(claudeLine.init(CLI_SESSION))));
    const id = await h.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x' });
    await h.until('restarting', () => h.supervisor.get(id)?.status === 'restarting');
    expect(h.supervisor.get(id)?.restart?.delayMs).toBe(100);
    await h.advance(100);
    await h.until('restarting again', () => h.host.agents.length === 2 && h.supervisor.get(id)?.status === 'restarting');
    expect(h.supervisor.get(id)?.restart?.delayMs).toBe(200);
    // The next run is healthy for 30 s before it crashes: the exponent starts again.
    mode = 'hold';
    await h.advance(200);
    await h.until('running', () => h.host.agents.length === 3 && h.supervisor.get(id)?.status === 'running');
    await h.advance(30_000);
    h.host.last.exit(1);
    await h.until('restarting after the healthy run', () => h.supervisor.get(id)?.status === 'restarting');
    expect(h.supervisor.get(id)?.restart).toMatchObject({ delayMs: 100, attempt: 3 });
  });

  it('ends an agent that says nothing for the inactivity timeout, and counts it as a crash', async () => {
    const h = await makeHarness({ inactivityTimeoutMs: 5_000, restartPolicy: { restart: 'temporary' } });
    const id = await h.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x' });
    await h.until('spawned', () => h.host.agents.length === 1);
    h.host.last.print(claudeLine.init(CLI_SESSION));
    await h.advance(3_000);
    h.host.last.print(claudeLine.text('still here'));
    await h.advance(4_999);
    expect(h.host.last.alive).toBe(true); // quiet for 4,999 ms since its last line
    await h.advance(1);
    await h.until('failed', () => h.supervisor.get(id)?.status === 'failed');
    expect(h.host.last.signals).toContain('SIGTERM');
    expect(h.supervisor.get(id)?.reason).toMatch(/no output for 5000 ms/);
    await expectReplayEqualsLive(h, id);
  });

  it('gives a worker that never starts up after the start timeout and replaces it', async () => {
    const h = await makeHarness({ workerStartTimeoutMs: 30_000, restartPolicy: { minBackoffMs: 50, randomFactor: 0 } }, { hangFirst: true });
    h.host.onSpawn = (agent) => queueMicrotask(() => agent.answer(CLI_SESSION));
    const id = await h.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x' });
    await h.advance(29_999);
    expect(h.supervisor.get(id)?.status).toBe('starting');
    await h.advance(1);
    await h.until('restarting', () => h.supervisor.get(id)?.status === 'restarting');
    expect(h.supervisor.get(id)?.restart?.reason).toMatch(/did not start within 30 s/);
    await h.advance(50);
    await h.until('the replacement ran the turn', () => h.supervisor.get(id)?.status === 'idle');
    expect(h.workers).toHaveLength(2);
    expect(h.supervisor.get(id)).toMatchObject({ turns: 1, restarts: 1, lastTurn: 'done' });
    await expectReplayEqualsLive(h, id);
  });

  it('keeps what troupe decided while no log existed when the replacement never starts either: the third worker logs it all', async () => {
    const h = await makeHarness({ workerStartTimeoutMs: 30_000, restartPolicy: { minBackoffMs: 50, randomFactor: 0 } }, { hangFirst: 2 });
    h.host.onSpawn = (agent) => queueMicrotask(() => agent.answer(CLI_SESSION));
    const id = await h.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x' });
    for (const attempt of [1, 2]) {
      await h.advance(30_000);
      await h.until(`restarting ${attempt}`, () => h.supervisor.get(id)?.restart?.attempt === attempt);
      await h.advance(50 * 2 ** (attempt - 1));
    }
    await h.until('the third worker ran the turn', () => h.supervisor.get(id)?.status === 'idle');
    expect(h.workers).toHaveLength(3);
    const logged = (await readFile(h.supervisor.get(id)!.logPath!, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; seq?: number });
    expect(logged.filter((r) => r.type === 'worker-died')).toHaveLength(2);
    expect(logged.filter((r) => r.type === 'restart-scheduled')).toHaveLength(2);
    const seqs = logged.flatMap((r) => (r.seq === undefined ? [] : [r.seq]));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    await expectReplayEqualsLive(h, id);
  });

  it('a worker that dies mid-turn is replaced and the session resumes the same conversation', async () => {
    const h = await makeHarness({ restartPolicy: { minBackoffMs: 10, randomFactor: 0 } });
    const id = await h.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x' });
    await h.until('spawned', () => h.host.agents.length === 1);
    h.host.last.print(claudeLine.init(CLI_SESSION), claudeLine.text('part'));
    await h.advance(20); // the worker's batching window
    h.workers[0]!.kill('out of memory');
    await h.until('restarting', () => h.supervisor.get(id)?.status === 'restarting');
    await h.advance(10);
    await h.until('respawned', () => h.host.agents.length === 2);
    expect(h.host.last.command.args, JSON.stringify(h.events.map((e) => e.type))).toContain('--resume');
    h.host.last.answer(CLI_SESSION);
    await h.until('idle', () => h.supervisor.get(id)?.status === 'idle');
    const logged = (await readFile(h.supervisor.get(id)!.logPath!, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; seq?: number });
    expect(logged.filter((r) => r.type === 'worker-died')).toHaveLength(1);
    const seqs = logged.flatMap((r) => (r.seq === undefined ? [] : [r.seq]));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    await expectReplayEqualsLive(h, id);
  });

  it('a worker that is stuck when stopped is ended after three graces and 45 s more, and the stop says so', async () => {
    const h = await makeHarness({}, { deafFirst: true });
    h.host.onSpawn = (agent) => queueMicrotask(() => agent.answer(CLI_SESSION));
    const id = await h.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x' });
    await h.until('idle', () => h.supervisor.get(id)?.status === 'idle');
    let stopped = false;
    // A second stop meanwhile (a Ctrl-C during a person's stop) waits for the first, and logs nothing of its own.
    const stop = Promise.all([h.supervisor.stop(id), h.supervisor.stop(id)]).then(() => (stopped = true));
    await h.advance(47_999); // the harness's grace is 1 s
    expect(stopped).toBe(false);
    await h.advance(1);
    await stop;
    expect(h.supervisor.get(id)?.status).toBe('stopped');
    const logged = (await readFile(h.supervisor.get(id)!.logPath!, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; detail?: string });
    expect(logged.find((r) => r.type === 'stopped')?.detail).toMatch(/worker thread had not ended 48 s after the stop, so troupe ended it/);
    expect(logged.filter((r) => r.type === 'worker-died')).toEqual([]);
    expect(logged.filter((r) => r.type === 'stopped')).toHaveLength(1);
    await expectReplayEqualsLive(h, id);
  });
});

describe('replay of a log equals the live session', () => {
  it('for a plain session of two turns', async () => {
    const h = await makeHarness();
    h.host.onSpawn = (agent) => queueMicrotask(() => agent.answer(CLI_SESSION, 'hello'));
    const id = await h.supervisor.start({ backend: 'sim', persona: 'qa-engineer', beadId: 'shop-1', prompt: 'check' });
    await h.until('idle', () => h.supervisor.get(id)?.status === 'idle');
    await h.supervisor.send('again', id);
    await h.until('idle again', () => h.supervisor.get(id)?.turns === 2 && h.supervisor.get(id)?.status === 'idle');
    await expectReplayEqualsLive(h, id);
    await h.supervisor.stop(id);
    await expectReplayEqualsLive(h, id);
  });

  it('for two crashes and their restarts', async () => {
    const h = await makeHarness({ restartPolicy: { minBackoffMs: 10, randomFactor: 0 } });
    h.host.onSpawn = (agent, index) => queueMicrotask(() => (index < 2 ? crash(agent) : agent.answer(CLI_SESSION)));
    const id = await h.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x' });
    for (let n = 1; n <= 2; n += 1) {
      await h.until(`crash ${n}`, () => h.supervisor.get(id)?.status === 'restarting' && h.host.agents.length === n);
      await h.advance(10 * 2 ** (n - 1));
    }
    await h.until('idle', () => h.supervisor.get(id)?.status === 'idle');
    expect(h.supervisor.get(id)).toMatchObject({ restarts: 2, turns: 1, lastTurn: 'done' });
    await expectReplayEqualsLive(h, id);
  });

  it('for an interrupted turn', async () => {
    const h = await makeHarness();
    const id = await h.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x' });
    await h.until('spawned', () => h.host.agents.length === 1);
    h.host.last.print(claudeLine.init(CLI_SESSION), claudeLine.text('working'));
    await h.advance(20); // the worker's batching window
    await h.until('running', () => h.supervisor.get(id)?.status === 'running' && h.events.some((e) => e.type === 'chunk'));
    await h.supervisor.interrupt(id);
    await h.until('idle', () => h.supervisor.get(id)?.status === 'idle');
    expect(h.supervisor.get(id)).toMatchObject({ lastTurn: 'interrupted', restarts: 0 });
    expect(types(h.events).filter((t) => t === 'turn-interrupted')).toHaveLength(1);
    await expectReplayEqualsLive(h, id);
  });

  it('for a failed session that a person revives', async () => {
    const h = await makeHarness({ restartPolicy: { restart: 'temporary' } });
    h.host.onSpawn = (agent, index) => queueMicrotask(() => (index === 0 ? crash(agent) : agent.answer(CLI_SESSION)));
    const id = await h.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x' });
    await h.until('failed', () => h.supervisor.get(id)?.status === 'failed');
    await expectReplayEqualsLive(h, id);
    await h.supervisor.revive(id, 'try again');
    await h.until('idle', () => h.supervisor.get(id)?.status === 'idle');
    expect(h.supervisor.get(id)).toMatchObject({ turns: 2, lastTurn: 'done', cliSessionId: CLI_SESSION });
    await expectReplayEqualsLive(h, id);
  });

  it('for a session resumed from its log by another supervisor', async () => {
    const h = await makeHarness();
    h.host.onSpawn = (agent) => queueMicrotask(() => agent.answer(CLI_SESSION));
    const id = await h.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x' });
    await h.until('idle', () => h.supervisor.get(id)?.status === 'idle');
    await h.supervisor.stop(id);
    const logPath = h.supervisor.get(id)!.logPath!;
    const { launch } = inThreadLauncher(h.host, h.clock);
    const other = new Supervisor({ projectRoot: h.project.root, childRegistryDir: h.project.childRegistryDir, clock: h.clock, launchWorker: launch });
    try {
      await adoptFromLog(other, logPath);
      expect(other.get(id)).toEqual({ ...h.supervisor.get(id)! });
      await other.revive(id, 'continue');
      await h.until('idle', () => other.get(id)?.status === 'idle' && other.get(id)?.turns === 2);
      const { info } = await replayLog(logPath, { isLive: () => true });
      expect(info).toEqual(other.get(id));
    } finally {
      await shutdownOnVirtualTime(other, h.clock);
    }
  });
});
