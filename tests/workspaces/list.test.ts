import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import type { WorkspaceInfo } from '../../src/protocol/workspace.js';
import { sessionLogPath } from '../../src/logs/paths.js';
import { selfIdentity } from '../../src/process/proc-info.js';
import { listWorkspaces } from '../../src/workspaces/list.js';
import { pruneWorkspaces } from '../../src/workspaces/prune.js';
import { commitWorkspace } from '../../src/workspaces/commit.js';
import { keepWorkspace } from '../../src/workspaces/remove.js';
import { mergeWorkspace } from '../../src/workspaces/merge.js';
import { branches, gitProject, writeFiles } from '../helpers/git-project.js';
import { footer, header, jsonl } from '../logs/fixtures.js';
import type { TempProject } from '../helpers/temp-project.js';
import { addWorkspace } from './workspace-fixture.js';

let project: TempProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

async function deadPid(): Promise<number> {
  const done = execa('true');
  const pid = done.pid!;
  await done;
  return pid;
}

/** A session log for the workspace: ended (a footer) or not, owned by `pid`. */
async function logFor(root: string, sessionId: string, workspace: WorkspaceInfo, ended: boolean, pid: number, startTime?: string): Promise<void> {
  const head = header({ sessionId, beadId: 'shop-1', workspace, troupePid: pid, troupeStartTime: startTime ?? '1', startedAt: 1_700_000_000_000 });
  const path = sessionLogPath(root, head.beadId, sessionId, head.startedAt);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, jsonl(ended ? [head, footer()] : [head]));
}

describe('listWorkspaces and pruneWorkspaces', () => {
  it('tells live, empty, left with changes, merged, orphaned and kept apart, and prune removes only what holds nothing', { timeout: 60_000 }, async () => {
    project = await gitProject();
    const root = project.root;
    const dead = await deadPid();
    const me = selfIdentity();
    const live = await addWorkspace(project);
    await logFor(root, live.sessionId, live.workspace, false, process.pid, me?.startTime);
    const empty = await addWorkspace(project);
    await logFor(root, empty.sessionId, empty.workspace, true, dead);
    const left = await addWorkspace(project);
    await writeFiles(left.workspace.path, { 'left.txt': 'work\n' });
    await logFor(root, left.sessionId, left.workspace, true, dead);
    const merged = await addWorkspace(project);
    await writeFiles(merged.workspace.path, { 'merged.txt': 'done\n' });
    await commitWorkspace(merged.workspace, 'done');
    await mergeWorkspace(root, merged.workspace, 'merge');
    await logFor(root, merged.sessionId, merged.workspace, true, dead);
    const orphan = await addWorkspace(project);
    await logFor(root, orphan.sessionId, orphan.workspace, false, dead);
    const kept = await addWorkspace(project);
    await writeFiles(kept.workspace.path, { 'kept.txt': 'x\n' });
    await commitWorkspace(kept.workspace, 'kept');
    await keepWorkspace(root, kept.workspace);
    await mkdir(join(root, '.bp6', 'worktrees', '0d2b8c3e-9f4a-4b6c-8d1e-2a3b4c5d6e7f'));

    const { workspaces } = await listWorkspaces(root);
    const stateOf = (id: string) => workspaces.find((w) => w.sessionId === id);
    expect(stateOf(live.sessionId)).toMatchObject({ state: 'live', uncommitted: 0, baseBranch: 'main' });
    expect(stateOf(empty.sessionId)).toMatchObject({ state: 'empty' });
    expect(stateOf(left.sessionId)).toMatchObject({ state: 'left-with-changes', uncommitted: 1 });
    expect(stateOf(merged.sessionId)).toMatchObject({ state: 'merged', unmerged: 0 });
    expect(stateOf(orphan.sessionId)).toMatchObject({ state: 'orphaned', note: 'its troupe was killed before the session ended' });
    expect(stateOf(kept.sessionId)).toMatchObject({ state: 'kept', unmerged: 1, branch: kept.workspace.branch });
    expect(stateOf(kept.sessionId)?.path).toBeUndefined();
    expect(stateOf('0d2b8c3e-9f4a-4b6c-8d1e-2a3b4c5d6e7f')).toMatchObject({ state: 'orphaned' });

    const pruned = await pruneWorkspaces(root);
    expect(pruned.removed.map((w) => w.sessionId).sort()).toEqual([empty.sessionId, merged.sessionId, orphan.sessionId].sort());
    expect(Object.fromEntries(pruned.kept.map((k) => [k.workspace.sessionId, k.why]))).toMatchObject({
      [live.sessionId]: 'its session is running',
      [left.sessionId]: '1 uncommitted file(s): --force removes them',
      [kept.sessionId]: 'a kept branch, not merged yet',
    });
    expect((await branches(root)).sort()).toEqual(['main', live.workspace.branch, left.workspace.branch, kept.workspace.branch].sort());
  });

  it('lists a workspace whose .git an agent deleted as broken, and prune keeps it even with --force while it removes the others', async () => {
    project = await gitProject();
    const root = project.root;
    const dead = await deadPid();
    const broken = await addWorkspace(project);
    await writeFiles(broken.workspace.path, { 'agent.txt': 'work git no longer sees\n' });
    await rm(join(broken.workspace.path, '.git'));
    await logFor(root, broken.sessionId, broken.workspace, true, dead);
    const empty = await addWorkspace(project);
    await logFor(root, empty.sessionId, empty.workspace, true, dead);

    const { workspaces } = await listWorkspaces(root);
    expect(workspaces.find((w) => w.sessionId === broken.sessionId)).toMatchObject({
      state: 'left-with-changes',
      broken: true,
      note: expect.stringMatching(/^its folder is no longer a git worktree of its own .*: look inside, then repair or remove it by hand$/),
    });
    const pruned = await pruneWorkspaces(root, { force: true });
    expect(pruned.removed.map((w) => w.sessionId)).toEqual([empty.sessionId]);
    expect(pruned.kept.map((k) => k.workspace.sessionId)).toEqual([broken.sessionId]);
    expect(await readFile(join(broken.workspace.path, 'agent.txt'), 'utf8')).toBe('work git no longer sees\n');
    expect(await branches(root)).toContain(broken.workspace.branch);
  });

  it('a project that is not a git repository has none', async () => {
    const { tempProject } = await import('../helpers/temp-project.js');
    project = await tempProject();
    expect(await listWorkspaces(project.root)).toEqual({ repo: false, workspaces: [] });
  });
});
