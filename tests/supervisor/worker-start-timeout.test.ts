import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { SupervisorEvent } from '../../src/protocol/index.js';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';
import { simEnv } from '../helpers/sim-env.js';
import { waitForNoMarkedProcesses } from '../helpers/process-table.js';

let fixture: SupervisorFixture;
afterEach(async () => fixture?.dispose());

const fastBackoff = { minBackoffMs: 20, maxBackoffMs: 1_000, randomFactor: 0, maxRestarts: 3, periodMs: 60_000 };

function eventsOf(sessionId: string): SupervisorEvent[] {
  const events: SupervisorEvent[] = [];
  fixture.supervisor.events$.subscribe((event) => {
    if ('sessionId' in event && event.sessionId === sessionId && event.type !== 'session-event') events.push(event);
  });
  return events;
}

describe('a worker thread that never starts', () => {
  it('is given up after the start timeout and replaced; the session starts over from its prompt', async () => {
    fixture = await supervisorFixture({ restartPolicy: fastBackoff, workerStartTimeoutMs: 1_000 });
    const { supervisor, project } = fixture;
    const mark = randomUUID();
    const id = await supervisor.start({
      backend: 'sim',
      persona: 'specialist',
      prompt: 'start-timeout-task',
      faults: { workerHangAtStart: true },
      env: simEnv(project.simStateDir, { chunks: 3 }, mark),
    });
    const events = eventsOf(id);
    const info = await supervisor.whenSettled(id);
    expect(info, JSON.stringify(info)).toMatchObject({ status: 'idle', lastTurnOk: true, restarts: 1, turns: 1 });
    expect(events.find((e) => e.type === 'session-restarting')).toMatchObject({
      attempt: 1,
      reason: expect.stringMatching(/did not start within 1 s/),
    });
    // The hung worker never wrote the log: the replacement writes it whole, from the original prompt.
    const logged = (await readFile(info.logPath!, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.filter((r) => r.type === 'header')).toHaveLength(1);
    expect(String(logged.find((r) => r.type === 'user')?.text)).toContain('start-timeout-task');
    expect(logged.filter((r) => r.type === 'chunk').length).toBeGreaterThan(0);
    await supervisor.stop(id);
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });

  it('fails the session with the reason when restarts are not allowed', async () => {
    fixture = await supervisorFixture({ restartPolicy: { ...fastBackoff, restart: 'temporary' }, workerStartTimeoutMs: 500 });
    const { supervisor, project } = fixture;
    const id = await supervisor.start({
      backend: 'sim',
      persona: 'specialist',
      prompt: 'x',
      faults: { workerHangAtStart: true },
      env: simEnv(project.simStateDir, { chunks: 3 }),
    });
    const info = await supervisor.whenSettled(id);
    expect(info).toMatchObject({ status: 'failed', reason: expect.stringMatching(/did not start within 0.5 s/) });
    // The stuck thread was terminated, so the pool still runs new sessions.
    const next = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'y', env: simEnv(project.simStateDir, { chunks: 2 }) });
    expect(await supervisor.whenSettled(next)).toMatchObject({ status: 'idle', lastTurnOk: true });
  });
});
