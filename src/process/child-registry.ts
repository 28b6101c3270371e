/**
 * On-disk registry of live agent process groups, one small JSON file per
 * child, so a later troupe can reap what a SIGKILLed troupe left running.
 * Writes are synchronous (they run on a session's worker thread right after
 * spawn / exit) and atomic (temp file + rename).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { entryPath, validateChildEntry, type ChildEntry } from './child-entry.js';

export type { ChildEntry } from './child-entry.js';
export { reapOrphans, type ReapedGroup, type ReapedProcess, type ReapOptions, type ReapResult, type SkippedEntry } from './reap-orphans.js';

/** `$TROUPE_STATE_DIR/children`, else `$XDG_STATE_HOME/troupe/children`, else `~/.local/state/troupe/children`. */
export function defaultChildRegistryDir(env: Record<string, string | undefined>): string {
  const stateDir = env['TROUPE_STATE_DIR'];
  if (stateDir) return path.join(stateDir, 'children');
  const xdg = env['XDG_STATE_HOME'];
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'troupe', 'children'); // the XDG spec ignores relative paths
  return path.join(env['HOME'] || os.homedir(), '.local', 'state', 'troupe', 'children');
}

/** Records a freshly spawned child. Throws INVALID_ARGUMENT for an incomplete entry; nothing is written then. */
export function registerChild(dir: string, entry: ChildEntry): void {
  const valid = validateChildEntry(entry);
  // An entry's cmdline holds the agent's prompt: for the user's eyes only, like the session logs.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const final = entryPath(dir, valid.pid);
  const temp = path.join(dir, `.${valid.pid}.json.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  writeFileSync(temp, `${JSON.stringify(valid)}\n`, { mode: 0o600 });
  renameSync(temp, final);
}

function checkPid(pid: number): void {
  if (!Number.isInteger(pid) || pid <= 1) {
    throw troupeError('INVALID_ARGUMENT', `pid must be an integer > 1, got ${String(pid)}`);
  }
}

/** Only this process's own entries are removed: a pid reused by another troupe's child keeps its entry. */
function isOurs(text: string | null): boolean {
  if (text === null) return false;
  try {
    return (JSON.parse(text) as { ownerPid?: unknown }).ownerPid === process.pid;
  } catch {
    return false; // unreadable: left for a person to look at
  }
}

/** Forgets a child after it exited. A missing entry is not an error. */
export function unregisterChild(dir: string, pid: number): void {
  checkPid(pid);
  const file = entryPath(dir, pid);
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return;
  }
  if (isOurs(text)) rmSync(file, { force: true });
}

/** The same, for the main thread. */
export async function unregisterChildAsync(dir: string, pid: number): Promise<void> {
  checkPid(pid);
  const file = entryPath(dir, pid);
  const text = await readFile(file, 'utf8').catch(() => null);
  if (isOurs(text)) await rm(file, { force: true });
}
