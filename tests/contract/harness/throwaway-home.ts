/** A fresh HOME and working folder per test, so no CLI reads or writes the real user's config. */
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sandbox {
  /** The folder holding everything below; removed at the end. */
  root: string;
  home: string;
  /** The agent's working directory (a project folder). */
  cwd: string;
  remove(): void;
}

export function makeSandbox(label: string): Sandbox {
  const root = mkdtempSync(join(tmpdir(), `troupe-contract-${label}-`));
  const home = join(root, 'home');
  const cwd = join(root, 'project');
  mkdirSync(home);
  mkdirSync(cwd);
  return { root, home, cwd, remove: () => rmSync(root, { recursive: true, force: true }) };
}
