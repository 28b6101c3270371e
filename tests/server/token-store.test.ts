/** The dashboard token kept per project in troupe's state folder, owner-only. */
import { chmod, lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectToken, tokenPath } from '../../src/server/token-store.js';

let root: string;
let env: Record<string, string>;
let project: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'troupe-token-'));
  env = { TROUPE_STATE_DIR: join(root, 'state') };
  project = join(root, 'project');
  await mkdir(project);
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('projectToken', () => {
  it('makes a token once and gives the same one at every start, in an owner-only file', async () => {
    const first = await projectToken(project, { env });
    expect(first).toMatchObject({ created: true, path: tokenPath(project, env) });
    expect(first.token).toMatch(/^[\w-]{32}$/);
    const second = await projectToken(project, { env });
    expect(second).toMatchObject({ token: first.token, created: false });
    expect((await lstat(first.path)).mode & 0o777).toBe(0o600);
    expect((await lstat(dirname(first.path))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(first.path, 'utf8'))).toEqual({ projectRoot: project, token: first.token });
  });

  it('keeps one token per project root', async () => {
    const other = join(root, 'other');
    await mkdir(other);
    const a = await projectToken(project, { env });
    const b = await projectToken(other, { env });
    expect(a.token).not.toBe(b.token);
    expect(a.path).not.toBe(b.path);
  });

  it('rotates on request', async () => {
    const first = await projectToken(project, { env });
    const rotated = await projectToken(project, { env, rotate: true });
    expect(rotated).toMatchObject({ created: true });
    expect(rotated.token).not.toBe(first.token);
    expect((await projectToken(project, { env })).token).toBe(rotated.token);
  });

  it('agrees with another troupe starting at the same moment', async () => {
    const tokens = await Promise.all(Array.from({ length: 8 }, () => projectToken(project, { env })));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
  });

  it('replaces a file it cannot trust: readable by others, a symlink, or not a token', async () => {
    const first = await projectToken(project, { env });
    await chmod(first.path, 0o644);
    const afterChmod = await projectToken(project, { env });
    expect(afterChmod.created).toBe(true);
    expect(afterChmod.token).not.toBe(first.token);
    expect((await lstat(first.path)).mode & 0o777).toBe(0o600);

    const elsewhere = join(root, 'elsewhere.json');
    await writeFile(elsewhere, JSON.stringify({ projectRoot: project, token: 'a'.repeat(32) }), { mode: 0o600 });
    await rm(first.path);
    await symlink(elsewhere, first.path);
    const afterSymlink = await projectToken(project, { env });
    expect(afterSymlink.token).not.toBe('a'.repeat(32));
    expect((await lstat(first.path)).isSymbolicLink()).toBe(false);
    // The file the link pointed at is left as it was.
    expect(JSON.parse(await readFile(elsewhere, 'utf8')).token).toBe('a'.repeat(32));

    await writeFile(first.path, '{"projectRoot":"x","token":"short"}', { mode: 0o600 });
    expect((await projectToken(project, { env })).created).toBe(true);
  });
});
