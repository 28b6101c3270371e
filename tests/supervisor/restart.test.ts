import { afterEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SequencedChunk, SupervisorEvent } from '../../src/protocol/index.js';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';
import { simEnv } from '../helpers/sim-env.js';
import { isAlive, waitForNoMarkedProcesses } from '../helpers/process-table.js';

let fixture: SupervisorFixture;
afterEach(async () => fixture?.dispose());

const fastBackoff = { minBackoffMs: 20, maxBackoffMs: 1_000, randomFactor: 0, maxRestarts: 3, periodMs: 60_000 };
// Four agents and up to two worker threads, all at nice 19: beside two CPU hogs these took over 30 s.
const HEAVY_TEST_MS = 120_000;

function record(sessionId: string) {
  const chunks: SequencedChunk[] = [];
  const events: SupervisorEvent[] = [];
  fixture.supervisor.chunks(sessionId).subscribe((chunk) => chunks.push(chunk));
  fixture.supervisor.events$.subscribe((event) => {
    if ('sessionId' in event && event.sessionId === sessionId && event.type !== 'session-event') events.push(event);
  });
  return { chunks, events };
}

async function logRecords(path: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(path, 'utf8');
  return text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('supervised restart', () => {
  it('a crash after N chunks is restarted and resumed; chunks before and after are delivered and logged', async () => {
    fixture = await supervisorFixture({ restartPolicy: fastBackoff });
    const { supervisor, project } = fixture;
    const id = await supervisor.start({
      backend: 'sim',
      persona: 'specialist',
      prompt: 'work',
      env: simEnv(project.simStateDir, { chunks: 8, crashAfter: 3, crashTimes: 1 }),
    });
    const { chunks, events } = record(id);
    const info = await supervisor.whenSettled(id);
    expect(info).toMatchObject({ status: 'idle', lastTurnOk: true, restarts: 1, turns: 1 });
    expect(events.filter((e) => e.type === 'session-restarting')).toMatchObject([{ attempt: 1, delayMs: 20 }]);
    // The resumed agent continued the same CLI conversation.
    const sessions = chunks.filter((c) => c.kind === 'session');
    expect(sessions.length).toBe(2);
    expect(new Set(sessions.map((c) => (c.kind === 'session' ? c.cliSessionId : '')))).toEqual(new Set([info.cliSessionId]));
    const logged = await logRecords(info.logPath!);
    // Every event is numbered on from the one before, across the crash; chunks came in that order.
    const events_ = logged.filter((r) => typeof r.seq === 'number');
    expect(events_.map((r) => r.seq)).toEqual(events_.map((_, i) => i + 1));
    const loggedSeqs = logged.filter((r) => r.type === 'chunk').map((r) => r.seq);
    expect(loggedSeqs).toEqual(chunks.map((c) => c.seq));
    expect(logged.find((r) => r.type === 'restart-scheduled')).toMatchObject({ attempt: 1, delayMs: 20 });
    const exits = logged.filter((r) => r.type === 'exit');
    expect(exits[0]).toMatchObject({ abnormal: true });
    // The agent was told its last turn was interrupted, by troupe, in the same turn.
    const users = logged.filter((r) => r.type === 'user');
    expect(users.at(-1)).toMatchObject({ source: 'troupe', turn: 1, text: expect.stringMatching(/interrupted/i) });
  });

  it('a crash loop fails after exactly the intensity limit, with growing backoff delays', async () => {
    fixture = await supervisorFixture({ restartPolicy: fastBackoff });
    const { supervisor, project } = fixture;
    const id = await supervisor.start({
      backend: 'sim',
      persona: 'specialist',
      prompt: 'doomed',
      env: simEnv(project.simStateDir, { chunks: 5, crashAfter: 2, crashTimes: 0, stderrNoise: 1 }),
    });
    const { events } = record(id);
    const failed = firstValueFrom(supervisor.events$.pipe(filter((e) => e.type === 'session-failed' && e.sessionId === id)));
    const info = await supervisor.whenSettled(id);
    expect(info.status).toBe('failed');
    expect(info.restarts).toBe(3);
    const restarting = events.filter((e) => e.type === 'session-restarting');
    expect(restarting.map((e) => (e.type === 'session-restarting' ? e.delayMs : 0))).toEqual([20, 40, 80]);
    const failure = await failed;
    expect(failure).toMatchObject({ reason: expect.stringMatching(/intensity/) });
    expect(failure.type === 'session-failed' && failure.stderrTail.length).toBeGreaterThan(0);
    // It stays down: a send is refused until a person revives it.
    await expect(supervisor.send('again', id)).rejects.toMatchObject({ code: 'SESSION_ENDED' });
  }, HEAVY_TEST_MS);

  it('an agent killed with SIGKILL from outside is restarted', async () => {
    fixture = await supervisorFixture({ restartPolicy: fastBackoff });
    const { supervisor, project } = fixture;
    const mark = randomUUID();
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x', env: simEnv(project.simStateDir, { hangAfter: 2 }, mark) });
    await firstValueFrom(supervisor.chunks(id).pipe(filter((c) => c.kind === 'text')));
    const firstPid = supervisor.get(id)!.pid!;
    const restarting = firstValueFrom(supervisor.events$.pipe(filter((e) => e.type === 'session-restarting')));
    process.kill(firstPid, 'SIGKILL');
    expect(await restarting).toMatchObject({ sessionId: id, attempt: 1, reason: 'killed by SIGKILL' });
    await firstValueFrom(supervisor.sessions$.pipe(filter((list) => list[0]?.status === 'running' && (list[0]?.pid ?? 0) > 0 && list[0]?.pid !== firstPid)));
    expect(isAlive(firstPid)).toBe(false);
    await supervisor.stop(id);
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
    // Two agents and two worker starts: beside two CPU hogs and the rest of the suite it took over 30 s.
  }, HEAVY_TEST_MS);

  it('a hung agent is killed after the inactivity timeout and counts as a crash', async () => {
    fixture = await supervisorFixture({ restartPolicy: { ...fastBackoff, restart: 'temporary' }, inactivityTimeoutMs: 400 });
    const { supervisor, project } = fixture;
    const mark = randomUUID();
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x', env: simEnv(project.simStateDir, { hangAfter: 2 }, mark) });
    const info = await supervisor.whenSettled(id);
    expect(info).toMatchObject({ status: 'failed', reason: expect.stringMatching(/no output for 400 ms/) });
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });

  it.each([
    ['throws', { workerThrowAfterChunks: 2 }],
    ['calls process.exit', { workerExitAfterChunks: 2 }],
    ['runs out of memory', { workerOomAfterChunks: 2 }],
  ])('a worker that %s is replaced and the session resumes', async (_name, faults) => {
    fixture = await supervisorFixture({ restartPolicy: fastBackoff, workerResourceLimits: { maxOldGenerationSizeMb: 48 } });
    const { supervisor, project } = fixture;
    const mark = randomUUID();
    // The first agent hangs after its first text chunk (the worker's second), so the worker always
    // dies mid-turn: on a loaded machine a worker can read a whole turn in one go, and one that dies
    // after delivering the end of its turn leaves nothing to restart. The resumed agent finishes.
    const env = simEnv(project.simStateDir, { chunks: 6, delayMs: 5, hangAfter: 1 }, mark);
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x', faults, env });
    const { events } = record(id);
    const info = await supervisor.whenSettled(id);
    expect(info, JSON.stringify(info)).toMatchObject({ status: 'idle', restarts: 1, lastTurnOk: true });
    expect(events.find((e) => e.type === 'session-restarting')).toMatchObject({ reason: expect.stringMatching(/worker thread died/) });
    const logged = await logRecords(info.logPath!);
    expect(logged.filter((r) => r.type === 'resumed')).toMatchObject([{ by: 'worker-replaced' }]);
    expect(logged.filter((r) => r.type === 'worker-died')).toHaveLength(1);
    expect(logged.filter((r) => r.type === 'header')).toHaveLength(1);
    await supervisor.stop(id);
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  }, HEAVY_TEST_MS);
});
