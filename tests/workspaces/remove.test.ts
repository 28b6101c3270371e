import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { keepWorkspace, removeWorkspace } from '../../src/workspaces/remove.js';
import { commitWorkspace } from '../../src/workspaces/commit.js';
import { branches, worktreePaths, writeFiles } from '../helpers/git-project.js';
import type { TempProject } from '../helpers/temp-project.js';
import { projectWithWorkspace } from './workspace-fixture.js';

let project: TempProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

describe('ending a workspace', () => {
  it('discard removes the worktree and the branch, uncommitted work and all', async () => {
    const made = await projectWithWorkspace();
    project = made.project;
    await writeFiles(made.workspace.path, { 'x.txt': 'x\n' });
    await removeWorkspace(project.root, made.workspace);
    expect(existsSync(made.workspace.path)).toBe(false);
    expect(await worktreePaths(project.root)).toEqual([project.root]);
    expect(await branches(project.root)).toEqual(['main']);
    // Again: nothing left to do, no error.
    await removeWorkspace(project.root, made.workspace);
  });

  it('keep removes the worktree and keeps the branch, and refuses while work is uncommitted', async () => {
    const made = await projectWithWorkspace();
    project = made.project;
    await writeFiles(made.workspace.path, { 'x.txt': 'x\n' });
    await expect(keepWorkspace(project.root, made.workspace)).rejects.toThrow(/not committed \(x\.txt\)/);
    expect(existsSync(made.workspace.path)).toBe(true);
    await commitWorkspace(made.workspace, 'x');
    await keepWorkspace(project.root, made.workspace);
    expect(existsSync(made.workspace.path)).toBe(false);
    expect(await branches(project.root)).toEqual(['main', made.workspace.branch]);
  });

  it('finishes a removal whose folder was deleted by hand', async () => {
    const made = await projectWithWorkspace();
    project = made.project;
    await rm(made.workspace.path, { recursive: true, force: true });
    await removeWorkspace(project.root, made.workspace);
    expect(await worktreePaths(project.root)).toEqual([project.root]);
    expect(await branches(project.root)).toEqual(['main']);
  });

  it('never removes a branch troupe did not name', async () => {
    const made = await projectWithWorkspace();
    project = made.project;
    await expect(removeWorkspace(project.root, { ...made.workspace, branch: 'main' })).rejects.toThrow(/not a branch troupe made/);
    expect(await branches(project.root)).toContain('main');
  });
});
