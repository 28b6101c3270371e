import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFile, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createWorkspace } from '../../src/workspaces/create.js';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import { gitIn, gitProject, statusOf, worktreePaths, writeFiles } from '../helpers/git-project.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

let projects: TempProject[] = [];
afterEach(async () => {
  for (const p of projects) await p.cleanup();
  projects = [];
});

async function track(made: Promise<TempProject>): Promise<TempProject> {
  const project = await made;
  projects.push(project);
  return project;
}

describe('createWorkspace', () => {
  it('makes a worktree on a new branch from HEAD, inside .bp6/worktrees, and leaves the main checkout clean', async () => {
    const project = await track(gitProject());
    const sessionId = randomUUID();
    const result = await createWorkspace({ projectRoot: project.root, sessionId, beadId: 'shop-1.1' });
    if (!('workspace' in result)) throw new Error(result.skipped);
    const { workspace } = result;
    expect(workspace).toEqual({
      path: join(project.root, '.bp6', 'worktrees', sessionId),
      branch: `troupe/shop-1.1/${sessionId.slice(0, 8)}`,
      baseCommit: await gitIn(project.root, 'rev-parse', 'HEAD'),
      baseBranch: 'main',
      cwd: join(project.root, '.bp6', 'worktrees', sessionId),
    });
    expect(await readFile(join(workspace.path, 'src/app.ts'), 'utf8')).toBe('export const answer = 42;\n');
    expect(await worktreePaths(project.root)).toContain(workspace.path);
    expect(await statusOf(project.root)).toBe('');
    expect((await stat(join(project.root, '.bp6'))).mode & 0o777).toBe(0o700);
    // Its notes in the repository's own config say whose it is.
    expect(await gitIn(project.root, 'config', `branch.${workspace.branch}.troupesession`)).toBe(sessionId);
  });

  it('makes eight at once for sessions starting together (git would refuse a second writer of its config)', async () => {
    const project = await track(gitProject());
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => createWorkspace({ projectRoot: project.root, sessionId: randomUUID(), beadId: `b-${i}` })));
    expect(results.every((r) => 'workspace' in r)).toBe(true);
    expect(await worktreePaths(project.root)).toHaveLength(9);
  });

  it('starts from a base the person chooses', async () => {
    const project = await track(gitProject());
    const first = await gitIn(project.root, 'rev-parse', 'HEAD');
    await writeFiles(project.root, { 'later.txt': 'later\n' });
    await gitIn(project.root, 'add', '--all');
    await gitIn(project.root, 'commit', '-qm', 'later');
    await gitIn(project.root, 'branch', 'release', first);
    const result = await createWorkspace({ projectRoot: project.root, sessionId: randomUUID(), base: 'release' });
    if (!('workspace' in result)) throw new Error(result.skipped);
    expect(result.workspace).toMatchObject({ baseCommit: first, baseBranch: 'release' });
    await expect(createWorkspace({ projectRoot: project.root, sessionId: randomUUID(), base: '--output=/tmp/x' })).rejects.toSatisfy((e) => isTroupeError(e, 'INVALID_ARGUMENT'));
  });

  it('has none for a project that is not a git repository, or has no commit yet', async () => {
    const plain = await track(tempProject());
    expect(await createWorkspace({ projectRoot: plain.root, sessionId: randomUUID() })).toEqual({ skipped: 'the project is not in a git repository', tell: false });
    const empty = await track(tempProject());
    await gitIn(empty.root, 'init', '-q');
    expect(await createWorkspace({ projectRoot: empty.root, sessionId: randomUUID() })).toMatchObject({ tell: true });
  });

  it('puts the agent where the project sits when the project is a folder of a larger repository', async () => {
    const project = await track(gitProject());
    await writeFiles(project.root, { 'packages/shop/index.ts': 'export {};\n' });
    await gitIn(project.root, 'add', '--all');
    await gitIn(project.root, 'commit', '-qm', 'package');
    const root = join(project.root, 'packages/shop');
    const sessionId = randomUUID();
    const result = await createWorkspace({ projectRoot: root, sessionId });
    if (!('workspace' in result)) throw new Error(result.skipped);
    expect(result.workspace.cwd).toBe(join(root, '.bp6', 'worktrees', sessionId, 'packages/shop/'));
    expect(await readFile(join(result.workspace.cwd!, 'index.ts'), 'utf8')).toBe('export {};\n');
  });

  it('refuses a .bp6 that leads out of the project, before git writes anything through it', async () => {
    const project = await track(gitProject());
    const outside = await track(tempProject('troupe-outside-'));
    await symlink(outside.root, join(project.root, '.bp6'));
    await expect(createWorkspace({ projectRoot: project.root, sessionId: randomUUID() })).rejects.toSatisfy((e) => isTroupeError(e, 'UNSAFE_PATH'));
    expect(await worktreePaths(project.root)).toEqual([project.root]);
  });
});
