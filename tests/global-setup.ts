/**
 * Every test file, and every process it spawns, gets its temp folders under one folder per run
 * (TMPDIR), removed when the run ends: the suite leaves nothing behind in /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const runDir = mkdtempSync(join(tmpdir(), 'troupe-tests-'));
  process.env.TMPDIR = runDir;
  return () => rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
}
