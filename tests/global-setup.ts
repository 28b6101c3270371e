/**
 * Every test file, and every process it spawns, gets its temp folders under one folder per run
 * (TMPDIR), and troupe's state folder (TROUPE_STATE_DIR) there too, removed when the run ends: the
 * suite leaves nothing behind in /tmp or the home folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const runDir = mkdtempSync(join(tmpdir(), 'troupe-tests-'));
  process.env.TMPDIR = runDir;
  // troupe's state (dashboard tokens, the child registry) stays in the run too, never in the real home.
  process.env.TROUPE_STATE_DIR = join(runDir, 'troupe-state');
  return () => rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
}
