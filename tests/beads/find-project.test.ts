import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beadsDirOf, findProjectRoot } from '../../src/beads/index.js';

describe('findProjectRoot', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'troupe-find-'));
    await mkdir(join(base, 'proj', '.beads'), { recursive: true });
    await mkdir(join(base, 'proj', 'src', 'deep', 'er'), { recursive: true });
    await mkdir(join(base, 'elsewhere', 'store'), { recursive: true });
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('walks up to the nearest folder holding .beads', async () => {
    expect(await findProjectRoot(join(base, 'proj', 'src', 'deep', 'er'), {})).toBe(join(base, 'proj'));
    expect(await findProjectRoot(join(base, 'proj'), {})).toBe(join(base, 'proj'));
  });

  it('gives null when no folder above holds .beads', async () => {
    expect(await findProjectRoot(join(base, 'elsewhere'), {})).toBeNull();
  });

  it('honours $BEADS_DIR: the project is the folder holding it', async () => {
    const env = { BEADS_DIR: join(base, 'elsewhere', 'store') };
    expect(await findProjectRoot(join(base, 'proj', 'src'), env)).toBe(join(base, 'elsewhere'));
    expect(beadsDirOf(join(base, 'elsewhere'), env)).toBe(join(base, 'elsewhere', 'store'));
    // An explicit project elsewhere keeps its own .beads.
    expect(beadsDirOf(join(base, 'proj'), env)).toBe(join(base, 'proj', '.beads'));
  });

  it('ignores a $BEADS_DIR that does not exist', async () => {
    const env = { BEADS_DIR: join(base, 'missing') };
    expect(await findProjectRoot(join(base, 'proj', 'src'), env)).toBe(join(base, 'proj'));
  });
});
