import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProjectRoot } from '../../src/cli/project-root.js';

describe('resolveProjectRoot', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'troupe-root-'));
    await mkdir(join(base, 'proj', '.beads'), { recursive: true });
    await mkdir(join(base, 'proj', 'src', 'lib'), { recursive: true });
    await mkdir(join(base, 'bare'), { recursive: true });
    await writeFile(join(base, 'a-file'), 'x');
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('takes --project as given, relative to cwd', async () => {
    expect(await resolveProjectRoot('bare', base)).toBe(join(base, 'bare'));
    expect(await resolveProjectRoot(join(base, 'proj'), '/')).toBe(join(base, 'proj'));
  });

  it('else walks up to the folder holding .beads', async () => {
    expect(await resolveProjectRoot(undefined, join(base, 'proj', 'src', 'lib'))).toBe(join(base, 'proj'));
  });

  it('else uses cwd', async () => {
    expect(await resolveProjectRoot(undefined, join(base, 'bare'))).toBe(join(base, 'bare'));
  });

  it('rejects a --project that is missing or not a folder, naming the option', async () => {
    await expect(resolveProjectRoot('nope', base)).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
    await expect(resolveProjectRoot('nope', base)).rejects.toThrow(/--project "nope": .* does not exist/);
    await expect(resolveProjectRoot('a-file', base)).rejects.toThrow(/is not a directory/);
  });
});
