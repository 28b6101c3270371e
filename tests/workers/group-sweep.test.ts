import { afterEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';
import { simEnv } from '../helpers/sim-env.js';
import { markedProcesses, waitForNoMarkedProcesses } from '../helpers/process-table.js';

let fixture: SupervisorFixture;
afterEach(async () => fixture?.dispose());

async function loggedNotices(logPath: string): Promise<string[]> {
  const records = (await readFile(logPath, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { type: string; message?: string });
  return records.filter((r) => r.type === 'notice').map((r) => r.message ?? '');
}

describe('what an agent leaves running in its process group', () => {
  it('a background job that outlives the agent is ended after the turn, and the log says so', async () => {
    fixture = await supervisorFixture();
    const { supervisor, project } = fixture;
    const mark = randomUUID();
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x', env: simEnv(project.simStateDir, { chunks: 2, stray: true }, mark) });
    const info = await supervisor.whenSettled(id);
    expect(info).toMatchObject({ status: 'idle', lastTurnOk: true });
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
    await supervisor.stop(id);
    expect(await loggedNotices(info.logPath!)).toContainEqual(expect.stringMatching(/ending 1 process the agent left running in its group/));
  });

  it('an interrupted agent takes its job that ignores SIGINT with it', async () => {
    fixture = await supervisorFixture();
    const { supervisor, project } = fixture;
    const mark = randomUUID();
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x', env: simEnv(project.simStateDir, { chunks: 200, delayMs: 20, stray: true }, mark) });
    await firstValueFrom(supervisor.chunks(id).pipe(filter((c) => c.kind === 'text')));
    // The agent and its job are both running now.
    expect(markedProcesses(mark).length).toBeGreaterThanOrEqual(2);
    await supervisor.interrupt(id);
    expect(await supervisor.whenSettled(id)).toMatchObject({ status: 'idle', reason: 'interrupted' });
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });
});
