/**
 * Where workspaces live: `<project>/.bp6/worktrees/<session id>`, beside the session logs. Inside the
 * project (troupe writes nowhere else), in a dot-folder that git ignores (its `.gitignore` is `*`)
 * and that globbing tools skip, so the main checkout's `git status` and test runs do not see them.
 */
import { mkdir, realpath, writeFile, lstat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { isInside, isWithin, troupeFolder } from '../logs/paths.js';

const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function worktreesRoot(projectRoot: string): string {
  return join(troupeFolder(projectRoot), 'worktrees');
}

export function isWorkspaceSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID.test(value);
}

/** The one folder a session's workspace may be in. */
export function worktreePath(projectRoot: string, sessionId: string): string {
  if (!isWorkspaceSessionId(sessionId)) throw troupeError('INVALID_ARGUMENT', `not a session id: ${JSON.stringify(String(sessionId).slice(0, 80))}`);
  return join(worktreesRoot(projectRoot), sessionId);
}

/** Is `path` (after symlinks) a session's folder directly under the project's worktrees folder? */
export async function isOwnWorktreePath(projectRoot: string, path: string): Promise<boolean> {
  const root = await realpath(worktreesRoot(projectRoot)).catch(() => null);
  const real = await realpath(path).catch(() => null);
  if (!root || !real || !isInside(root, real)) return false;
  return resolve(real, '..') === root && isWorkspaceSessionId(real.slice(root.length + 1));
}

/**
 * Creates `.bp6` and `.bp6/worktrees` as needed, private, each level resolving inside the project
 * (a symlinked `.bp6` that leads out of it is refused before anything is made through it). The top
 * level troupe creates gets a `.gitignore` of `*`.
 */
export async function prepareWorktreesFolder(projectRoot: string): Promise<string> {
  const realRoot = await realpath(projectRoot);
  let ignored = false;
  for (const level of [troupeFolder(projectRoot), worktreesRoot(projectRoot)]) {
    let created = false;
    try {
      await mkdir(level, 0o700);
      created = true;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    const real = await realpath(level);
    if (!isWithin(realRoot, real)) throw troupeError('UNSAFE_PATH', `${level} leads to ${real}, outside ${projectRoot}`, { path: level, target: real });
    if (!(await lstat(real)).isDirectory()) throw troupeError('UNSAFE_PATH', `${level} is not a folder`, { path: level });
    if (created && !ignored) {
      ignored = true;
      await writeFile(join(level, '.gitignore'), '# written by troupe: session logs and workspaces stay out of git\n*\n', { flag: 'wx' }).catch(() => undefined);
    }
  }
  return worktreesRoot(projectRoot);
}
