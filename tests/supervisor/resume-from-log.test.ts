import { afterEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { execa } from 'execa';
import { Supervisor } from '../../src/supervisor/supervisor.js';
import { adoptInterruptedSessions } from '../../src/supervisor/resume-from-log.js';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';
import { simEnv } from '../helpers/sim-env.js';

let fixture: SupervisorFixture;
let second: Supervisor | undefined;
afterEach(async () => {
  await second?.shutdown();
  second = undefined;
  await fixture?.dispose();
});

/** Makes a finished session's log look like its troupe was killed: no footer, a dead owner. */
async function interrupt(logPath: string): Promise<void> {
  const process = execa('true');
  const deadPid = process.pid!;
  await process;
  const records = (await readFile(logPath, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const kept = records.filter((r) => r.type !== 'footer' && r.type !== 'stop');
  kept[0] = { ...kept[0], troupePid: deadPid, troupeStartTime: '1' };
  await writeFile(logPath, `${kept.map((r) => JSON.stringify(r)).join('\n')}\n`);
}

describe('sessions that survive a restart of troupe', () => {
  it('a new troupe lists interrupted sessions from the logs and revives one in the same conversation and log', async () => {
    fixture = await supervisorFixture();
    const env = simEnv(fixture.project.simStateDir, { chunks: 3 });
    const id = await fixture.supervisor.start({ backend: 'sim', persona: 'qa-engineer', beadId: 'shop-1', prompt: 'check it', env });
    const before = await fixture.supervisor.whenSettled(id);
    await fixture.supervisor.shutdown();
    await interrupt(before.logPath!);

    second = new Supervisor({ projectRoot: fixture.project.root, childRegistryDir: fixture.project.childRegistryDir, warmThreads: 1 });
    expect(await adoptInterruptedSessions(second, fixture.project.root)).toEqual([id]);
    expect(second.get(id)).toMatchObject({ status: 'stopped', beadId: 'shop-1', persona: 'qa-engineer', cliSessionId: before.cliSessionId, turns: 1 });
    expect(second.get(id)?.reason).toMatch(/interrupted/);

    await second.revive(id, 'go on');
    const after = await second.whenSettled(id);
    expect(after).toMatchObject({ status: 'idle', lastTurnOk: true, turns: 2, cliSessionId: before.cliSessionId, logPath: before.logPath });
    const records = (await readFile(before.logPath!, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { type: string; chunk?: { seq: number } });
    expect(records.filter((r) => r.type === 'header')).toHaveLength(1);
    const seqs = records.filter((r) => r.type === 'chunk').map((r) => r.chunk!.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // numbering goes on where it stopped
  });
});
