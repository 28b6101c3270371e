import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempProject {
  root: string;
  /** State folder of the simulated agent (its stored conversations). */
  simStateDir: string;
  /** troupe's registry of live agent process groups for this test. */
  childRegistryDir: string;
  cleanup(): Promise<void>;
}

export async function tempProject(prefix = 'troupe-test-'): Promise<TempProject> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  await mkdir(join(root, '.beads'));
  const simStateDir = join(root, '.sim-state');
  const childRegistryDir = join(root, '.children');
  await mkdir(simStateDir);
  return { root, simStateDir, childRegistryDir, cleanup: () => rm(root, { recursive: true, force: true }) };
}
