import { afterEach, describe, expect, it } from 'vitest';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { computeChanges, workspaceDiff } from '../../src/workspaces/changes.js';
import { gitIn, statusOf, writeFiles } from '../helpers/git-project.js';
import type { TempProject } from '../helpers/temp-project.js';
import { projectWithWorkspace } from './workspace-fixture.js';

let project: TempProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

describe('the changes of a workspace against its base', () => {
  it('counts modified, added (untracked), deleted and committed files, and leaves the agent index alone', async () => {
    const made = await projectWithWorkspace();
    project = made.project;
    const { workspace } = made;
    expect((await computeChanges(workspace)).changes).toEqual({ files: [], added: 0, removed: 0, commits: 0, uncommitted: false });

    await writeFiles(workspace.path, { 'src/app.ts': 'export const answer = 43;\nexport const more = 1;\n', 'notes/new.md': 'one\ntwo\nthree\n' });
    await rm(join(workspace.path, 'README.md'));
    const before = await gitIn(workspace.path, 'status', '--porcelain');
    const { changes } = await computeChanges(workspace);
    expect(changes).toMatchObject({ added: 5, removed: 4, commits: 0, uncommitted: true });
    expect(changes.files.sort((a, b) => (a.path < b.path ? -1 : 1))).toEqual([
      { path: 'README.md', status: 'deleted', added: 0, removed: 3 },
      { path: 'notes/new.md', status: 'untracked', added: 3, removed: 0 },
      { path: 'src/app.ts', status: 'modified', added: 2, removed: 1 },
    ]);
    // Nothing was staged in the worktree itself.
    expect(await gitIn(workspace.path, 'status', '--porcelain')).toBe(before);

    await gitIn(workspace.path, 'add', '--all');
    await gitIn(workspace.path, 'commit', '-qm', 'work');
    const committed = (await computeChanges(workspace)).changes;
    expect(committed).toMatchObject({ added: 5, removed: 4, commits: 1, uncommitted: false });
    expect(committed.files.find((f) => f.path === 'notes/new.md')?.status).toBe('added');
    expect(await statusOf(project.root)).toBe('');
  });

  it('gives the unified diff, and a binary file as binary', async () => {
    const made = await projectWithWorkspace();
    project = made.project;
    await writeFiles(made.workspace.path, { 'src/app.ts': 'export const answer = 7;\n' });
    await writeFile(join(made.workspace.path, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0, 255]));
    const diff = await workspaceDiff(made.workspace);
    expect(diff.diff).toContain('-export const answer = 42;\n+export const answer = 7;\n');
    expect(diff.diff).toContain('Binary files /dev/null and b/logo.png differ');
    expect(diff.changes.files.find((f) => f.path === 'logo.png')).toMatchObject({ binary: true, added: 0, removed: 0 });
    expect(diff.diffCut).toBeUndefined();
  });

  it('bounds a huge diff: cut at a line end with a mark, and the file list at its limit', async () => {
    const made = await projectWithWorkspace();
    project = made.project;
    const line = 'a line of a very large generated file, repeated many times over\n';
    await writeFiles(made.workspace.path, { 'huge.txt': line.repeat(200_000) }); // 13 MB
    for (let i = 0; i < 30; i++) await writeFiles(made.workspace.path, { [`many/f${i}.txt`]: `${i}\n` });
    const limit = 256 * 1024;
    const computed = await computeChanges(made.workspace, { diffBytes: limit, maxFiles: 10 });
    expect(computed.diffCut).toBe(true);
    expect(Buffer.byteLength(computed.diff!)).toBeLessThanOrEqual(limit);
    expect(computed.diff!.endsWith('\n')).toBe(true);
    expect(computed.changes).toMatchObject({ truncated: true, fileCount: 31, added: 200_030 });
    expect(computed.changes.files).toHaveLength(10);
  });
});
