import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FaultInjection, SupervisorEvent } from '../../src/protocol/index.js';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';
import { simEnv } from '../helpers/sim-env.js';
import { waitForNoMarkedProcesses } from '../helpers/process-table.js';

let fixture: SupervisorFixture;
afterEach(async () => fixture?.dispose());

const fastBackoff = { minBackoffMs: 20, maxBackoffMs: 1_000, randomFactor: 0, maxRestarts: 3, periodMs: 60_000 };
// Long enough for a replacement (or the next session's) thread to boot on a loaded machine.
const START_TIMEOUT_MS = 3_000;

function eventsOf(sessionId: string): SupervisorEvent[] {
  const events: SupervisorEvent[] = [];
  fixture.supervisor.events$.subscribe((event) => {
    if ('sessionId' in event && event.sessionId === sessionId && event.type !== 'session-event') events.push(event);
  });
  return events;
}

function startSim(prompt: string, faults: FaultInjection, mark?: string): Promise<string> {
  const env = simEnv(fixture.project.simStateDir, { chunks: 3 }, mark);
  return fixture.supervisor.start({ backend: 'sim', persona: 'specialist', prompt, faults, env });
}

async function readLog(path: string): Promise<Array<{ type: string; seq?: number; text?: string }>> {
  return (await readFile(path, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { type: string });
}

describe('a worker thread that never starts', () => {
  it('is given up after the start timeout and replaced; the session starts over from its prompt', async () => {
    fixture = await supervisorFixture({ restartPolicy: fastBackoff, workerStartTimeoutMs: START_TIMEOUT_MS });
    const { supervisor } = fixture;
    const mark = randomUUID();
    const id = await startSim('start-timeout-task', { workerHangAtStart: true }, mark);
    const events = eventsOf(id);
    const info = await supervisor.whenSettled(id);
    expect(info, JSON.stringify(info)).toMatchObject({ status: 'idle', lastTurnOk: true, restarts: 1, turns: 1 });
    expect(events.find((e) => e.type === 'session-restarting')).toMatchObject({
      attempt: 1,
      reason: expect.stringMatching(/did not start within 3 s/),
    });
    // The hung worker never wrote the log: the replacement writes it whole, from the original prompt.
    const logged = await readLog(info.logPath!);
    expect(logged.filter((r) => r.type === 'header')).toHaveLength(1);
    expect(String(logged.find((r) => r.type === 'user')?.text)).toContain('start-timeout-task');
    expect(logged.filter((r) => r.type === 'chunk').length).toBeGreaterThan(0);
    await supervisor.stop(id);
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });

  it('keeps a worker that took its session over and then stalled past the timeout (a starved thread): one worker, one log, every chunk once', async () => {
    fixture = await supervisorFixture({ restartPolicy: fastBackoff, workerStartTimeoutMs: START_TIMEOUT_MS });
    const { supervisor } = fixture;
    const mark = randomUUID();
    const id = await startSim('stalled-start-task', { workerStallAfterStartMs: 2 * START_TIMEOUT_MS }, mark);
    const received: number[] = [];
    supervisor.chunks(id).subscribe((chunk) => received.push(chunk.seq));
    const info = await supervisor.whenSettled(id);
    expect(info, JSON.stringify(info)).toMatchObject({ status: 'idle', lastTurnOk: true, restarts: 0, turns: 1 });
    const logged = await readLog(info.logPath!);
    expect(logged.map((r) => r.type).filter((type) => ['header', 'resumed', 'worker-died', 'restart-scheduled', 'spawn'].includes(type))).toEqual(['header', 'spawn']);
    const seqs = logged.flatMap((r) => (r.type === 'chunk' ? [r.seq!] : []));
    expect(seqs.length).toBeGreaterThan(3);
    expect(received).toEqual(seqs);
    await supervisor.stop(id);
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });

  it('fails the session with the reason when restarts are not allowed', async () => {
    fixture = await supervisorFixture({ restartPolicy: { ...fastBackoff, restart: 'temporary' }, workerStartTimeoutMs: START_TIMEOUT_MS });
    const { supervisor } = fixture;
    const id = await startSim('x', { workerHangAtStart: true });
    const info = await supervisor.whenSettled(id);
    expect(info).toMatchObject({ status: 'failed', reason: expect.stringMatching(/did not start within 3 s/) });
    // The stuck thread was terminated, so the pool still runs new sessions.
    const next = await fixture.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'y', env: simEnv(fixture.project.simStateDir, { chunks: 2 }) });
    expect(await supervisor.whenSettled(next)).toMatchObject({ status: 'idle', lastTurnOk: true });
  });
});
