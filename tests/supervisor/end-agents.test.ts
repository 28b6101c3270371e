/**
 * Stopping sessions whose worker threads are slow to act (a loaded machine starves them: they run
 * at nice 19): the supervisor ends the agents itself, all at once, and the logs still call it a stop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { firstValueFrom, filter } from 'rxjs';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';
import { simEnv } from '../helpers/sim-env.js';
import { markedProcesses, waitForNoMarkedProcesses } from '../helpers/process-table.js';

let fixture: SupervisorFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

type Logged = { type: string; reason?: string; abnormal?: boolean };

async function records(logPath: string): Promise<Logged[]> {
  return (await readFile(logPath, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Logged);
}

// Far longer than the supervisor needs to end the agents (SIGTERM at once, SIGKILL after the 2 s grace).
const STOP_DELAY_MS = 15_000;

describe('stopping sessions whose workers are slow to act', () => {
  it('shutdown ends every agent from the supervisor before any worker acts on its stop; each log records a stop, not a crash', async () => {
    fixture = await supervisorFixture({ warmThreads: 3, shutdownMs: 2_000 });
    const { supervisor, project } = fixture;
    const mark = randomUUID();
    const ids = await Promise.all(
      [1, 2, 3].map((n) =>
        supervisor.start({
          backend: 'sim',
          persona: 'specialist',
          prompt: `hold ${n}`,
          faults: { workerStopDelayMs: STOP_DELAY_MS },
          env: simEnv(project.simStateDir, { hangAfter: 2 }, mark),
        }),
      ),
    );
    const spawned = (list: Array<{ sessionId: string; pid?: number }>) => ids.every((id) => (list.find((s) => s.sessionId === id)?.pid ?? 0) > 0);
    await firstValueFrom(supervisor.sessions$.pipe(filter(spawned)));
    expect(markedProcesses(mark)).toHaveLength(3);
    const logPaths = ids.map((id) => supervisor.get(id)!.logPath!);

    const shutdown = supervisor.shutdown();
    expect(await waitForNoMarkedProcesses(mark, STOP_DELAY_MS - 3_000)).toEqual([]);
    // No worker has acted on its stop yet: the agents were ended by the supervisor.
    for (const path of logPaths) expect((await records(path)).map((r) => r.type)).not.toContain('stopped');

    await shutdown;
    for (const path of logPaths) {
      const logged = await records(path);
      expect(logged.find((r) => r.type === 'exit')).toMatchObject({ abnormal: false, reason: 'stopped' });
      expect(logged.slice(-2)).toMatchObject([{ type: 'stopped', reason: 'shutdown' }, { type: 'footer', reason: 'shutdown' }]);
    }
  }, 60_000);
});
