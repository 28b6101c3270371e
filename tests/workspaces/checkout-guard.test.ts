import { afterEach, describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkspaceInfo } from '../../src/protocol/workspace.js';
import { computeChanges } from '../../src/workspaces/changes.js';
import { commitWorkspace } from '../../src/workspaces/commit.js';
import { mergeWorkspace } from '../../src/workspaces/merge.js';
import { keepWorkspace, removeWorkspace } from '../../src/workspaces/remove.js';
import { branches, gitIn, worktreePaths, writeFiles } from '../helpers/git-project.js';
import type { TempProject } from '../helpers/temp-project.js';
import { checkoutState, projectWithWorkspace } from './workspace-fixture.js';

let project: TempProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

/** A workspace whose branch has one commit and whose agent left one more edit uncommitted. */
async function workedWorkspace(): Promise<{ root: string; workspace: WorkspaceInfo; tip: string }> {
  const made = await projectWithWorkspace();
  project = made.project;
  await writeFiles(made.workspace.path, { 'src/app.ts': 'export const answer = 1;\n' });
  const { commit } = await commitWorkspace(made.workspace, 'shop-1: answer 1');
  await writeFiles(made.workspace.path, { 'src/app.ts': 'export const answer = 2;\n', 'agent.txt': 'the agent wrote this\n' });
  return { root: project.root, workspace: made.workspace, tip: commit };
}

/** commit, merge and keep are each refused with `reason`, and change nothing: the main checkout, both branches, the worktree's files. */
async function expectAllRefused(root: string, workspace: WorkspaceInfo, tip: string, reason: RegExp): Promise<void> {
  const before = await checkoutState(root);
  const worktrees = await worktreePaths(root);
  await expect(commitWorkspace(workspace, 'commit it')).rejects.toMatchObject({ code: 'WORKSPACE_REFUSED', message: expect.stringMatching(reason) });
  await expect(mergeWorkspace(root, workspace, 'merge it')).rejects.toMatchObject({ code: 'WORKSPACE_REFUSED', message: expect.stringMatching(reason) });
  await expect(keepWorkspace(root, workspace)).rejects.toMatchObject({ code: 'WORKSPACE_REFUSED', message: expect.stringMatching(reason) });
  expect(await checkoutState(root)).toEqual(before);
  expect(await gitIn(root, 'rev-parse', `refs/heads/${workspace.branch}`)).toBe(tip);
  expect(await worktreePaths(root)).toEqual(worktrees);
  expect(await readFile(join(workspace.path, 'src/app.ts'), 'utf8')).toBe('export const answer = 2;\n');
  expect(await readFile(join(workspace.path, 'agent.txt'), 'utf8')).toBe('the agent wrote this\n');
}

describe('troupe runs git in a workspace only while it is still that session’s worktree', () => {
  it('refuses commit, merge and keep once the agent deleted the worktree’s .git (git would walk up to the main checkout)', async () => {
    const { root, workspace, tip } = await workedWorkspace();
    // The person has work staged in the main checkout: a commit that walked up would take it.
    await writeFiles(root, { 'notes.txt': 'staged by the person\n' });
    await gitIn(root, 'add', 'notes.txt');
    await rm(join(workspace.path, '.git'));
    await expectAllRefused(root, workspace, tip, /is no longer a git worktree of its own/);
    // Discard is refused too (git would not remove it, and troupe cannot tell what is in it).
    await expect(removeWorkspace(root, workspace)).rejects.toMatchObject({ code: 'WORKSPACE_REFUSED', message: expect.stringMatching(/git worktree repair/) });
    expect(await readFile(join(workspace.path, 'agent.txt'), 'utf8')).toBe('the agent wrote this\n');
    // Its changes are not reported as the main checkout's either.
    await expect(computeChanges(workspace)).rejects.toMatchObject({ code: 'WORKSPACE_REFUSED' });
  });

  it('refuses them once the agent rewrote .git to point at the main repository (the worktree would commit onto main)', async () => {
    const { root, workspace, tip } = await workedWorkspace();
    await writeFile(join(workspace.path, '.git'), `gitdir: ${join(root, '.git')}\n`);
    await expectAllRefused(root, workspace, tip, /has branch main checked out, not its branch troupe\/shop-1\//);
  });

  it('refuses them when the worktree has a detached HEAD, and still shows its changes', async () => {
    const { root, workspace, tip } = await workedWorkspace();
    await gitIn(workspace.path, 'checkout', '--quiet', '--detach');
    await expectAllRefused(root, workspace, tip, /has a detached HEAD checked out, not its branch troupe\/shop-1\//);
    const { changes } = await computeChanges(workspace);
    expect(changes).toMatchObject({ commits: 1, uncommitted: true });
    expect(changes.files.map((f) => f.path).sort()).toEqual(['agent.txt', 'src/app.ts']);
  });

  it('refuses them when the agent switched the worktree to another branch, which gets no commit', async () => {
    const { root, workspace, tip } = await workedWorkspace();
    await gitIn(workspace.path, 'checkout', '--quiet', '-b', 'elsewhere');
    await expectAllRefused(root, workspace, tip, /has branch elsewhere checked out, not its branch troupe\/shop-1\//);
    expect(await gitIn(root, 'rev-parse', 'refs/heads/elsewhere')).toBe(tip);
    expect((await branches(root)).sort()).toEqual(['elsewhere', 'main', workspace.branch].sort());
  });

  it('lets commit, merge and keep run again once the worktree is back on its branch', async () => {
    const { root, workspace } = await workedWorkspace();
    await gitIn(workspace.path, 'checkout', '--quiet', '--detach');
    await expect(commitWorkspace(workspace, 'not yet')).rejects.toMatchObject({ code: 'WORKSPACE_REFUSED' });
    await gitIn(workspace.path, 'checkout', '--quiet', workspace.branch);
    const { commit } = await commitWorkspace(workspace, 'shop-1: answer 2');
    expect(await mergeWorkspace(root, workspace, 'merge it')).toEqual({ kind: 'fast-forward', commit, baseBranch: 'main' });
  });
});
