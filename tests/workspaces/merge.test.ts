import { afterEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import { mergeWorkspace } from '../../src/workspaces/merge.js';
import { commitWorkspace } from '../../src/workspaces/commit.js';
import { gitIn, statusOf, writeFiles } from '../helpers/git-project.js';
import type { TempProject } from '../helpers/temp-project.js';
import { addWorkspace, checkoutState, projectWithWorkspace } from './workspace-fixture.js';

let project: TempProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

describe('merging a workspace into its base branch', () => {
  it('fast-forwards the checked-out base, whose checkout follows', async () => {
    const made = await projectWithWorkspace();
    project = made.project;
    await writeFiles(made.workspace.path, { 'src/app.ts': 'export const answer = 1;\n' });
    const { commit } = await commitWorkspace(made.workspace, 'shop-1: answer 1');
    const outcome = await mergeWorkspace(project.root, made.workspace, 'merge');
    expect(outcome).toEqual({ kind: 'fast-forward', commit, baseBranch: 'main' });
    expect(await readFile(join(project.root, 'src/app.ts'), 'utf8')).toBe('export const answer = 1;\n');
    expect(await statusOf(project.root)).toBe('');
  });

  it('makes a merge commit when the base moved on without conflict', async () => {
    const made = await projectWithWorkspace();
    project = made.project;
    await writeFiles(made.workspace.path, { 'src/other.ts': 'export {};\n' });
    await commitWorkspace(made.workspace, 'other');
    await writeFiles(project.root, { 'notes.txt': 'meanwhile\n' });
    await gitIn(project.root, 'add', 'notes.txt');
    await gitIn(project.root, 'commit', '-qm', 'meanwhile');
    const outcome = await mergeWorkspace(project.root, made.workspace, 'Merge the other file');
    expect(outcome.kind).toBe('merge-commit');
    expect(await gitIn(project.root, 'log', '-1', '--format=%s %P')).toMatch(/^Merge the other file [0-9a-f]{40} [0-9a-f]{40}$/);
    expect(await readFile(join(project.root, 'src/other.ts'), 'utf8')).toBe('export {};\n');
    expect(await statusOf(project.root)).toBe('');
  });

  it('reports a conflict with its files and leaves the base checkout exactly as it was, even with its own uncommitted work', async () => {
    project = (await projectWithWorkspace()).project;
    const first = await addWorkspace(project);
    const second = await addWorkspace(project);
    await writeFiles(first.workspace.path, { 'src/app.ts': 'export const answer = 1;\n' });
    await commitWorkspace(first.workspace, 'one');
    await writeFiles(second.workspace.path, { 'src/app.ts': 'export const answer = 2;\n' });
    await commitWorkspace(second.workspace, 'two');
    await mergeWorkspace(project.root, first.workspace, 'merge one');
    // The person has work of their own in the main checkout.
    await writeFiles(project.root, { 'notes.txt': 'mine, not committed\n', 'README.md': '# changed by the person\n' });
    const before = await checkoutState(project.root);
    const error = await mergeWorkspace(project.root, second.workspace, 'merge two').catch((e: unknown) => e);
    expect(isTroupeError(error, 'WORKSPACE_CONFLICT')).toBe(true);
    expect((error as { details: { files: string[] } }).details.files).toEqual(['src/app.ts']);
    expect((error as Error).message).toContain('src/app.ts');
    expect(await checkoutState(project.root)).toEqual(before);
  });

  it('refuses uncommitted work, and a detached base, with the reason', async () => {
    const made = await projectWithWorkspace();
    project = made.project;
    await writeFiles(made.workspace.path, { 'left.txt': 'x\n' });
    await expect(mergeWorkspace(project.root, made.workspace, 'm')).rejects.toThrow(/1 file\(s\) not committed \(left\.txt\)/);
    const { baseBranch: _, ...detached } = made.workspace;
    await expect(mergeWorkspace(project.root, detached, 'm')).rejects.toThrow(/no base branch/);
  });

  it('updates a base branch that no checkout has, without touching the main checkout', async () => {
    const made = await projectWithWorkspace();
    project = made.project;
    await gitIn(project.root, 'branch', 'release');
    const workspace = { ...made.workspace, baseBranch: 'release' };
    await writeFiles(workspace.path, { 'src/app.ts': 'export const answer = 5;\n' });
    const { commit } = await commitWorkspace(workspace, 'five');
    expect(await mergeWorkspace(project.root, workspace, 'm')).toEqual({ kind: 'fast-forward', commit, baseBranch: 'release' });
    expect(await gitIn(project.root, 'rev-parse', 'release')).toBe(commit);
    expect(await readFile(join(project.root, 'src/app.ts'), 'utf8')).toBe('export const answer = 42;\n');
  });
});
