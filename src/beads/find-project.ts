/** Where a project's beads live: the nearest folder holding `.beads/`, or `$BEADS_DIR`. */
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export const BEADS_DIR_NAME = '.beads';
export const ISSUES_FILE_NAME = 'issues.jsonl';

type Env = Record<string, string | undefined>;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The project root for `startDir`: the folder holding `$BEADS_DIR` when it is set and exists
 * (bd's own override), else the nearest folder at or above `startDir` holding `.beads/`, else null.
 */
export async function findProjectRoot(startDir: string, env: Env = process.env): Promise<string | null> {
  const override = env.BEADS_DIR?.trim();
  if (override) {
    const beadsDir = resolve(startDir, override);
    if (await isDirectory(beadsDir)) return dirname(beadsDir);
  }
  let dir = resolve(startDir);
  for (;;) {
    if (await isDirectory(join(dir, BEADS_DIR_NAME))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The beads folder of a project root: `$BEADS_DIR` when it sits directly in that root
 * (so an explicit `--project` elsewhere keeps its own `.beads/`), else `<root>/.beads`.
 */
export function beadsDirOf(projectRoot: string, env: Env = process.env): string {
  const root = resolve(projectRoot);
  const override = env.BEADS_DIR?.trim();
  if (override) {
    const beadsDir = resolve(root, override);
    if (dirname(beadsDir) === root) return beadsDir;
  }
  return join(root, BEADS_DIR_NAME);
}
