/** A session taken on again from its log works in the same worktree; a crafted log cannot point troupe elsewhere. */
import { afterEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Supervisor } from '../../src/supervisor/supervisor.js';
import { adoptFromLog, adoptInterruptedSessions } from '../../src/supervisor/resume-from-log.js';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import { gitProject } from '../helpers/git-project.js';
import { simEnv } from '../helpers/sim-env.js';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';

let fixture: SupervisorFixture | undefined;
let second: Supervisor | undefined;
afterEach(async () => {
  await second?.shutdown();
  second = undefined;
  await fixture?.dispose();
  fixture = undefined;
});

type Line = Record<string, unknown>;

async function readLog(path: string): Promise<Line[]> {
  return (await readFile(path, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Line);
}

/**
 * The log as a killed troupe leaves it (no stop, no footer, nothing its shutdown would have said of
 * the workspace, a dead owner), with `edit` applied to its header and `more` lines after it.
 */
async function asInterrupted(path: string, edit: (header: Line) => Line = (h) => h, more: Line[] = []): Promise<void> {
  const done = execa('true');
  const deadPid = done.pid!;
  await done;
  const kept = (await readLog(path)).filter((r) => r.type !== 'footer' && r.type !== 'stopped' && r.type !== 'workspace-state');
  kept[0] = edit({ ...kept[0], troupePid: deadPid, troupeStartTime: '1' });
  const last = Math.max(...kept.map((r) => (typeof r.seq === 'number' ? r.seq : 0)));
  const lines = [...kept, ...more.map((line, i) => ({ seq: last + 1 + i, at: Date.now(), ...line }))];
  await writeFile(path, `${lines.map((r) => JSON.stringify(r)).join('\n')}\n`);
}

describe('adopting a session with a workspace', () => {
  it('a new troupe revives it in the same worktree, on the same branch', { timeout: 120_000 }, async () => {
    fixture = await supervisorFixture({}, gitProject());
    const env = simEnv(fixture.project.simStateDir, { chunks: 1, tools: 0, editFiles: 1 });
    const id = await fixture.supervisor.start({ backend: 'sim', persona: 'specialist', beadId: 'shop-1', prompt: 'first', env });
    const before = await fixture.supervisor.whenSettled(id);
    await fixture.supervisor.shutdown();
    await asInterrupted(before.logPath!);

    second = new Supervisor({ projectRoot: fixture.project.root, childRegistryDir: fixture.project.childRegistryDir, warmThreads: 1, agentEnv: env });
    expect(await adoptInterruptedSessions(second, fixture.project.root)).toEqual([id]);
    expect(second.get(id)?.workspace).toEqual(before.workspace);
    await second.revive(id, 'second');
    expect(await second.whenSettled(id)).toMatchObject({ status: 'idle', lastTurnOk: true, turns: 2 });
    // The agent's second turn changed the file its first turn made, in the same worktree.
    const notes = await readFile(join(before.workspace!.path, 'notes/first-1.md'), 'utf8');
    expect(notes.match(/^- turn \d of/gm)).toHaveLength(2);
    const diff = await second.workspaces.diff(id);
    expect(diff.workspace.branch).toBe(before.workspace!.branch);
  });

  it('refuses a log whose workspace points anywhere but its own folder, branch and commit', { timeout: 120_000 }, async () => {
    fixture = await supervisorFixture({}, gitProject());
    const env = simEnv(fixture.project.simStateDir, { chunks: 1, tools: 0 });
    const id = await fixture.supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x', env });
    const info = await fixture.supervisor.whenSettled(id);
    await fixture.supervisor.shutdown();
    const original = await readFile(info.logPath!, 'utf8');
    const hostile: [string, unknown][] = [
      ['path', '/etc'],
      ['path', join(fixture.project.root, '.bp6', 'worktrees', '0d2b8c3e-9f4a-4b6c-8d1e-2a3b4c5d6e7f')],
      ['path', fixture.project.root],
      ['branch', 'main'],
      ['branch', 'troupe/x/../../main'],
      ['baseCommit', '--output=/tmp/owned'],
      ['baseBranch', '@{-1}'],
      ['state', 'owned'],
    ];
    for (const [field, value] of hostile) {
      await writeFile(info.logPath!, original);
      // The state is the events' fold: a crafted one comes as an event.
      if (field === 'state') await asInterrupted(info.logPath!, undefined, [{ type: 'workspace-state', state: value }]);
      else await asInterrupted(info.logPath!, (header) => ({ ...header, workspace: { ...(header.workspace as Line), [field]: value } }));
      second = new Supervisor({ projectRoot: fixture.project.root, childRegistryDir: fixture.project.childRegistryDir, warmThreads: 0, agentEnv: env });
      const error = await adoptFromLog(second, info.logPath!).catch((e: unknown) => e);
      expect(isTroupeError(error, 'LOG_UNTRUSTED'), `${field} = ${JSON.stringify(value)}`).toBe(true);
      expect((error as Error).message).toContain(`workspace.${field}`);
      await second.shutdown();
      second = undefined;
    }
  });
});
