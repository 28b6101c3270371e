/** The throwaway folder of one run: a project root (its session logs), the agents' state and tallies. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunDirs {
  root: string;
  simStateDir: string;
  tallyDir(index: number): string;
  remove(): Promise<void>;
}

export async function createRunDirs(prefix = 'troupe-stress-'): Promise<RunDirs> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const simStateDir = join(root, 'sim-state');
  await mkdir(simStateDir);
  return {
    root,
    simStateDir,
    tallyDir: (index) => join(root, 'tallies', String(index)),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
