/**
 * The dashboard token of a project, kept across restarts so an open tab reconnects by itself after
 * troupe stops and starts again: `<state folder>/tokens/<hash of the project root>.json`, the
 * folder 0700 and the file 0600. A file that is not plainly ours (a symlink, another owner, open to
 * others, not a token) is replaced by a new token: it may have been read.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, link, lstat, mkdir, open, readFile, realpath, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultChildRegistryDir } from '../process/child-registry.js';
import { createToken, isWellFormedToken } from './token.js';

export interface ProjectTokenOptions {
  env?: Record<string, string | undefined>;
  /** Make a new token (`--new-token`): tabs opened with the old one are refused from now on. */
  rotate?: boolean;
}

export interface ProjectToken {
  token: string;
  /** Made now (first start, `--new-token`, or the stored one could not be trusted). */
  created: boolean;
  path: string;
}

interface StoredToken {
  projectRoot: string;
  token: string;
}

/** troupe's state folder: the one that holds the child registry (`$TROUPE_STATE_DIR`, XDG, ~/.local/state/troupe). */
export function stateDir(env: Record<string, string | undefined>): string {
  return dirname(defaultChildRegistryDir(env));
}

export function tokenPath(projectRoot: string, env: Record<string, string | undefined>): string {
  const key = createHash('sha256').update(projectRoot).digest('hex').slice(0, 32);
  return join(stateDir(env), 'tokens', `${key}.json`);
}

/** A folder of ours, owner-only; made when missing. */
async function ownFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o700 });
  const info = await lstat(path);
  if (!info.isDirectory()) throw new Error(`${path} is not a folder`);
  if (info.uid !== process.getuid?.()) throw new Error(`${path} belongs to another user`);
  if ((info.mode & 0o077) !== 0) await chmod(path, 0o700);
}

/** The stored token, or null when there is none or it cannot be trusted. */
async function readStored(path: string, projectRoot: string): Promise<string | null> {
  let info;
  try {
    info = await lstat(path);
  } catch {
    return null;
  }
  if (!info.isFile() || info.uid !== process.getuid?.() || (info.mode & 0o077) !== 0 || info.size > 4096) return null;
  try {
    const stored = JSON.parse(await readFile(path, 'utf8')) as Partial<StoredToken>;
    return stored.projectRoot === projectRoot && isWellFormedToken(stored.token) ? stored.token : null;
  } catch {
    return null;
  }
}

/** Writes the token owner-only; `replace` false makes it only if no file is there (two troupes starting at once agree). */
async function writeStored(path: string, stored: StoredToken, replace: boolean): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(stored)}\n`);
  } finally {
    await handle.close();
  }
  try {
    if (replace) {
      await rename(temp, path);
      return true;
    }
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

export async function projectToken(projectRoot: string, options: ProjectTokenOptions = {}): Promise<ProjectToken> {
  const env = options.env ?? process.env;
  const root = await realpath(projectRoot).catch(() => projectRoot);
  const path = tokenPath(root, env);
  await ownFolder(dirname(path));
  if (!options.rotate) {
    const stored = await readStored(path, root);
    if (stored) return { token: stored, created: false, path };
  }
  const token = createToken();
  // A file there now is one we do not trust (or --new-token): replace it.
  const exists = await lstat(path).then(() => true, () => false);
  if (await writeStored(path, { projectRoot: root, token }, options.rotate === true || exists)) return { token, created: true, path };
  // Another troupe made one just now: use it.
  const theirs = await readStored(path, root);
  if (theirs) return { token: theirs, created: false, path };
  await writeStored(path, { projectRoot: root, token }, true);
  return { token, created: true, path };
}
