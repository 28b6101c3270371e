/** Paths inside the installed troupe package, the same from src/ (tests) and dist/ (shipped). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('troupe: cannot find its own package.json');
    dir = parent;
  }
}

/** The folder holding troupe's package.json. */
export const PACKAGE_ROOT = findPackageRoot();

/** A compiled file, e.g. distPath('workers/session-worker.js'). Spawned code always runs compiled. */
export function distPath(relative: string): string {
  return join(PACKAGE_ROOT, 'dist', relative);
}

/** The simulated agent's executable script. */
export const SIM_AGENT_SCRIPT = distPath('sim-agent/main.js');
