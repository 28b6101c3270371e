/** A throwaway project folder with `.bp6/personas/` files, for the tests of this folder. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ProjectFixture {
  root: string;
  /** Write `<root>/.bp6/personas/<relative>`. */
  write(relative: string, text: string): Promise<string>;
  remove(): Promise<void>;
}

export async function makeProject(): Promise<ProjectFixture> {
  const root = await mkdtemp(join(tmpdir(), 'troupe-personas-'));
  return {
    root,
    async write(relative, text) {
      const path = join(root, '.bp6', 'personas', relative);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      return path;
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
