/**
 * `mkdir -p`, synchronous. Node 20's `mkdirSync(path, { recursive: true })` loops forever where
 * mkdir fails with ENOENT although the parent exists (e.g. under /proc), so each level is created
 * by hand and such a failure is reported instead. Sessions start in parallel worker threads, so a
 * level that another thread creates meanwhile (EEXIST) is fine.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export function ensureFolderSync(path: string): void {
  for (let attempt = 0; ; attempt += 1) {
    try {
      mkdirSync(path);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EEXIST') return assertFolder(path);
      if (code !== 'ENOENT') throw error;
      const parent = dirname(path);
      if (parent === path) throw error;
      if (!isFolder(parent)) ensureFolderSync(parent);
      // The parent exists and mkdir still says ENOENT: a place where folders cannot be made.
      else if (attempt > 0) throw error;
      // Otherwise another thread made the parent meanwhile: try again.
    }
  }
}

function assertFolder(path: string): void {
  if (statSync(path).isDirectory()) return;
  throw Object.assign(new Error(`${path} exists and is not a folder`), { code: 'ENOTDIR' });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
