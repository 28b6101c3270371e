import { afterEach, describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import { randomUUID } from 'node:crypto';
import type { SequencedChunk } from '../../src/protocol/index.js';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';
import { simEnv } from '../helpers/sim-env.js';
import { waitForNoMarkedProcesses } from '../helpers/process-table.js';

let fixture: SupervisorFixture;
afterEach(async () => fixture?.dispose());

describe('turn control', () => {
  it('long-lived mode runs two turns in one agent process', async () => {
    fixture = await supervisorFixture();
    const { supervisor, project } = fixture;
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'one', longLived: true, env: simEnv(project.simStateDir, { chunks: 3 }) });
    const chunks: SequencedChunk[] = [];
    supervisor.chunks(id).subscribe((chunk) => chunks.push(chunk));
    const first = await supervisor.whenSettled(id);
    expect(first).toMatchObject({ status: 'idle', lastTurnOk: true });
    const pid = first.pid;
    expect(pid).toBeGreaterThan(0);
    await supervisor.send('two', id);
    const second = await supervisor.whenSettled(id);
    expect(second).toMatchObject({ status: 'idle', lastTurnOk: true, turns: 2, pid, cliSessionId: first.cliSessionId });
    expect(chunks.filter((c) => c.kind === 'done')).toHaveLength(2);
  });

  it('interrupt ends the running turn without a restart; the next turn resumes the conversation', async () => {
    fixture = await supervisorFixture();
    const { supervisor, project } = fixture;
    const mark = randomUUID();
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'slow', env: simEnv(project.simStateDir, { chunks: 200, delayMs: 20 }, mark) });
    await firstValueFrom(supervisor.chunks(id).pipe(filter((c) => c.kind === 'text')));
    await supervisor.interrupt(id);
    const info = await supervisor.whenSettled(id);
    expect(info).toMatchObject({ status: 'idle', lastTurnOk: false, reason: 'interrupted', restarts: 0 });
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });

  it('a person revives a failed session and it continues the same conversation', async () => {
    fixture = await supervisorFixture({ restartPolicy: { restart: 'temporary' } });
    const { supervisor, project } = fixture;
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x', env: simEnv(project.simStateDir, { chunks: 6, crashAfter: 3, crashTimes: 1 }) });
    const failed = await supervisor.whenSettled(id);
    expect(failed.status).toBe('failed');
    await expect(supervisor.revive(id, 'try again')).resolves.toBeUndefined();
    const revived = await supervisor.whenSettled(id);
    expect(revived).toMatchObject({ status: 'idle', lastTurnOk: true, cliSessionId: failed.cliSessionId, turns: 2 });
  });
});
