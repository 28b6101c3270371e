/**
 * `mkdir -p`, synchronous. Node 20's `mkdirSync(path, { recursive: true })` loops forever where
 * mkdir fails with ENOENT although the parent exists (e.g. under /proc), so each level is created
 * by hand and such a failure is reported instead. Sessions start in parallel worker threads, so a
 * level that another thread creates meanwhile (EEXIST) is fine.
 */
import { mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { isWithin } from './paths.js';

export interface FolderOptions {
  /** Mode of the folders created (the umask still applies). Default 0o777, as mkdir. */
  mode?: number;
  /** Told about each folder this call created, parents first. */
  onCreated?: (path: string) => void;
}

export function ensureFolderSync(path: string, options: FolderOptions = {}): void {
  for (let attempt = 0; ; attempt += 1) {
    try {
      mkdirSync(path, options.mode);
      options.onCreated?.(path);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EEXIST') return assertFolder(path);
      if (code !== 'ENOENT') throw error;
      const parent = dirname(path);
      if (parent === path) throw error;
      if (!isFolder(parent)) ensureFolderSync(parent, options);
      // The parent exists and mkdir still says ENOENT: a place where folders cannot be made.
      else if (attempt > 0) throw error;
      // Otherwise another thread made the parent meanwhile: try again.
    }
  }
}

/**
 * The same below an existing `root`, level by level, where every level must resolve inside `root`:
 * a symlink that leads out of it is refused (UNSAFE_PATH) before anything is created through it.
 */
export function ensureFolderWithinSync(root: string, path: string, options: FolderOptions = {}): void {
  if (!isWithin(root, path)) throw troupeError('UNSAFE_PATH', `${path} is outside ${root}`, { path });
  const realRoot = realpathSync(root);
  const rel = relative(resolve(root), resolve(path));
  let level = resolve(root);
  for (const part of rel.split(sep).filter(Boolean)) {
    level = join(level, part);
    try {
      mkdirSync(level, options.mode);
      options.onCreated?.(level);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    const real = realpathSync(level);
    if (!isWithin(realRoot, real)) {
      throw troupeError('UNSAFE_PATH', `${level} leads to ${real}, outside ${root}`, { path: level, target: real });
    }
    assertFolder(real);
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
