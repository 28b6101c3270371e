/**
 * Sessions in their own worktrees through the real supervisor (worker threads, simulated agents
 * that really edit files, real git): isolation, merge, conflict, discard, terminate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { filter, firstValueFrom } from 'rxjs';
import type { SessionEvent } from '../../src/protocol/session-events.js';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import { replayLog } from '../../src/logs/replay.js';
import { branches, gitIn, gitProject, statusOf, worktreePaths } from '../helpers/git-project.js';
import { simEnv } from '../helpers/sim-env.js';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';
import { waitForNoMarkedProcesses } from '../helpers/process-table.js';

let fixture: SupervisorFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

/** The simulated agent names its file after the first turn: every session here writes the same one. */
const EDITED = 'notes/change-the-same-file-1.md';

async function baseCheckout(root: string): Promise<string[]> {
  return [await gitIn(root, 'rev-parse', 'HEAD'), await statusOf(root), await gitIn(root, 'ls-files', '--stage'), await readFile(join(root, EDITED), 'utf8').catch(() => 'none')];
}

describe('a workspace per session', () => {
  it('five sessions edit the same file, each in its own worktree: merge, conflict, discard, and nothing left behind', { timeout: 180_000 }, async () => {
    fixture = await supervisorFixture({ warmThreads: 2 }, gitProject());
    const { supervisor, project } = fixture;
    const root = project.root;
    const mark = crypto.randomUUID();
    const env = simEnv(project.simStateDir, { chunks: 2, tools: 0, editFiles: 1 }, mark);
    const changed = new Map<string, SessionEvent>();
    const sub = supervisor.events$.subscribe((e) => {
      if (e.type === 'session-event' && e.event.type === 'workspace-changed') changed.set(e.sessionId, e.event);
    });
    const ids = await Promise.all([0, 1, 2, 3, 4].map((i) => supervisor.start({ backend: 'sim', persona: 'specialist', beadId: `shop-${i}`, prompt: 'change the same file', env })));
    const infos = await Promise.all(ids.map((id) => supervisor.whenSettled(id)));

    // Each in its own worktree, on its own branch; the main checkout untouched.
    expect(infos.map((i) => i.status)).toEqual(['idle', 'idle', 'idle', 'idle', 'idle']);
    expect(new Set(infos.map((i) => i.workspace?.path)).size).toBe(5);
    infos.forEach((info, i) => {
      expect(info.workspace).toMatchObject({ path: join(root, '.bp6', 'worktrees', info.sessionId), branch: `troupe/shop-${i}/${info.sessionId.slice(0, 8)}`, baseBranch: 'main' });
    });
    expect(await statusOf(root)).toBe('');
    expect(existsSync(join(root, EDITED))).toBe(false);
    // Each sees only its own change, computed by its worker.
    for (const info of infos) {
      const diff = await supervisor.workspaces.diff(info.sessionId);
      expect(diff.changes.files).toEqual([{ path: EDITED, status: 'untracked', added: diff.changes.added, removed: 0 }]);
      expect(diff.diff).toContain(info.cliSessionId!);
      for (const other of infos) if (other !== info) expect(diff.diff).not.toContain(other.cliSessionId!);
      expect(diff.commitMessage).toMatch(new RegExp(`^${info.beadId}: change the same file`));
    }
    await expect.poll(() => changed.size, { timeout: 30_000 }).toBe(5);
    expect(supervisor.get(ids[0]!)?.changes).toMatchObject({ files: 1, uncommitted: true, commits: 0 });

    // The first merges by fast-forward: its change is in main, its worktree and branch are gone.
    const [first, second, third] = ids as [string, string, string];
    await expect(supervisor.workspaces.merge(first)).rejects.toThrow(/not committed .*change-the-same-file-1\.md.*commit them first/);
    await supervisor.workspaces.commit(first);
    expect(supervisor.get(first)?.changes).toMatchObject({ commits: 1, uncommitted: false });
    expect(await supervisor.workspaces.merge(first)).toMatchObject({ kind: 'fast-forward', baseBranch: 'main' });
    expect(await readFile(join(root, EDITED), 'utf8')).toContain(infos[0]!.cliSessionId!);
    expect(await statusOf(root)).toBe('');
    expect(supervisor.get(first)).toMatchObject({ status: 'stopped', workspace: { state: 'merged' } });
    await expect(supervisor.revive(first)).rejects.toSatisfy((e) => isTroupeError(e, 'WORKSPACE_REFUSED'));

    // The second conflicts on the same file: reported with it, the base exactly as it was.
    await supervisor.workspaces.commit(second, 'my own words');
    expect(await gitIn(supervisor.get(second)!.workspace!.path, 'log', '-1', '--format=%s')).toBe('my own words');
    const before = await baseCheckout(root);
    const conflict = await supervisor.workspaces.merge(second).catch((e: unknown) => e);
    expect(isTroupeError(conflict, 'WORKSPACE_CONFLICT')).toBe(true);
    expect((conflict as { details: { files: string[] } }).details.files).toEqual([EDITED]);
    expect(await baseCheckout(root)).toEqual(before);
    expect(supervisor.get(second)?.status).toBe('idle');
    expect(supervisor.get(second)?.workspace?.state ?? 'active').toBe('active');

    // The third is discarded: no worktree, no branch.
    const lost = await supervisor.workspaces.discard(third);
    expect(lost.lost.files).toEqual([EDITED]);
    expect(supervisor.get(third)).toMatchObject({ status: 'stopped', workspace: { state: 'discarded' } });

    const gone = [infos[0]!, infos[2]!];
    for (const info of gone) {
      expect(existsSync(info.workspace!.path)).toBe(false);
      expect(await worktreePaths(root)).not.toContain(info.workspace!.path);
      expect(await branches(root)).not.toContain(info.workspace!.branch);
    }
    // The logs say so after their footers, and still read as ended sessions.
    const replayed = await replayLog(infos[0]!.logPath!);
    expect(replayed.state.ended).toBe(true);
    expect(replayed.info.workspace).toMatchObject({ state: 'merged' });
    sub.unsubscribe();
    await Promise.all(ids.map((id) => supervisor.stop(id)));
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });

  it('terminating keeps a worktree with work in it (marked left) and removes an empty one', { timeout: 120_000 }, async () => {
    fixture = await supervisorFixture({}, gitProject());
    const { supervisor, project } = fixture;
    const busy = await supervisor.start({ backend: 'sim', persona: 'specialist', beadId: 'shop-1', prompt: 'change the same file', env: simEnv(project.simStateDir, { chunks: 1, tools: 0, editFiles: 1 }) });
    const quiet = await supervisor.start({ backend: 'sim', persona: 'specialist', beadId: 'shop-2', prompt: 'look only', env: simEnv(project.simStateDir, { chunks: 1, tools: 0 }) });
    const [busyInfo, quietInfo] = await Promise.all([supervisor.whenSettled(busy), supervisor.whenSettled(quiet)]);
    await supervisor.terminate(busy);
    await supervisor.terminate(quiet);
    expect(existsSync(join(busyInfo.workspace!.path, EDITED))).toBe(true);
    expect(await branches(project.root)).toEqual(['main', busyInfo.workspace!.branch]);
    expect(existsSync(quietInfo.workspace!.path)).toBe(false);
    expect((await replayLog(busyInfo.logPath!)).info.workspace).toMatchObject({ state: 'left' });
    expect((await replayLog(quietInfo.logPath!)).info.workspace).toMatchObject({ state: 'removed' });
  });

  it('a stopped session lets an empty workspace go, and reviving it makes the same one again', { timeout: 120_000 }, async () => {
    fixture = await supervisorFixture({}, gitProject());
    const { supervisor, project } = fixture;
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', beadId: 'shop-3', prompt: 'look only', env: simEnv(project.simStateDir, { chunks: 1, tools: 0 }) });
    const { workspace } = await supervisor.whenSettled(id);
    await supervisor.stop(id);
    await supervisor.workspaces.release(id);
    expect(supervisor.get(id)?.workspace?.state).toBe('removed');
    expect(existsSync(workspace!.path)).toBe(false);
    await supervisor.revive(id, 'now look again');
    expect(await supervisor.whenSettled(id)).toMatchObject({ status: 'idle', lastTurnOk: true, turns: 2 });
    expect(supervisor.get(id)?.workspace).toMatchObject({ path: workspace!.path, branch: workspace!.branch, state: 'active' });
    expect(await worktreePaths(project.root)).toContain(workspace!.path);
  });

  it('a project that is not a git repository runs its sessions in the project root, as before', async () => {
    fixture = await supervisorFixture();
    const { supervisor, project } = fixture;
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'change the same file', env: simEnv(project.simStateDir, { chunks: 1, tools: 0, editFiles: 1 }) });
    const info = await supervisor.whenSettled(id);
    expect(info).toMatchObject({ status: 'idle', lastTurnOk: true });
    expect(info.workspace).toBeUndefined();
    expect(existsSync(join(project.root, EDITED))).toBe(true);
    await expect(supervisor.workspaces.diff(id)).rejects.toSatisfy((e) => isTroupeError(e, 'NO_WORKSPACE'));
    const events = await firstValueFrom(supervisor.sessions$.pipe(filter((list) => list.length > 0)));
    expect(events[0]?.workspace).toBeUndefined();
  });

  it('read-only sessions and workspace "none" work in the project root of a git project', async () => {
    fixture = await supervisorFixture({}, gitProject());
    const { supervisor, project } = fixture;
    const env = simEnv(project.simStateDir, { chunks: 1, tools: 0 });
    const readOnly = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x', env, permissions: { mode: 'read-only' } });
    const none = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x', env, workspace: 'none' });
    for (const id of [readOnly, none]) expect((await supervisor.whenSettled(id)).workspace).toBeUndefined();
    expect(await worktreePaths(project.root)).toEqual([project.root]);
  });
});
