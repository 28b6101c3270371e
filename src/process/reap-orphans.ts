/**
 * Reaping the agent process groups that a dead troupe left behind. A process
 * is only ever signalled when it is provably the registered child (same start
 * time and cmdline) or a member of that child's still-existing group.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { messageOf } from '../errors/troupe-error.js';
import { entryPath, isEntryFileName, validateChildEntry, type ChildEntry } from './child-entry.js';
import { terminateProcessTree } from './kill-group.js';
import { isSameProcessAsync, listGroupMembersAsync, matchesRef, readProcessIdentityAsync } from './proc-info.js';

export interface ReapOptions {
  /** SIGTERM grace before SIGKILL for each orphaned group. */
  graceMs: number;
}

export interface SkippedEntry {
  /** Absent when the file could not be read as an entry. */
  entry?: ChildEntry;
  file: string;
  why: string;
  /** The entry file was deleted (stale: nothing of it runs any more). */
  removed: boolean;
}

export interface ReapResult {
  /** Orphans whose group and descendants were ended; their entries are removed. */
  reaped: ChildEntry[];
  /** Entries whose processes were not touched, and why. */
  skipped: SkippedEntry[];
}

type Outcome = { reaped: ChildEntry } | { skipped: SkippedEntry };

export async function reapOrphans(dir: string, options: ReapOptions): Promise<ReapResult> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { reaped: [], skipped: [] };
    throw error;
  }
  const outcomes = await Promise.all(
    names.filter(isEntryFileName).map((name) => reapOne(path.join(dir, name), options)),
  );
  const result: ReapResult = { reaped: [], skipped: [] };
  for (const outcome of outcomes) {
    if ('reaped' in outcome) result.reaped.push(outcome.reaped);
    else result.skipped.push(outcome.skipped);
  }
  return result;
}

async function readEntry(file: string): Promise<ChildEntry | string> {
  try {
    const entry = validateChildEntry(JSON.parse(await readFile(file, 'utf8')));
    if (entryPath(path.dirname(file), entry.pid) !== file) return `file name does not match pid ${entry.pid}`;
    return entry;
  } catch (error) {
    return messageOf(error);
  }
}

async function reapOne(file: string, options: ReapOptions): Promise<Outcome> {
  const entry = await readEntry(file);
  if (typeof entry === 'string') {
    return { skipped: { file, why: `unreadable entry, left in place: ${entry}`, removed: false } };
  }
  const skip = async (why: string, remove: boolean): Promise<Outcome> => {
    if (remove) await rm(file, { force: true });
    return { skipped: { entry, file, why, removed: remove } };
  };

  if (await isSameProcessAsync({ pid: entry.ownerPid, startTime: entry.ownerStartTime })) {
    return skip(`owner troupe ${entry.ownerPid} is alive`, false);
  }
  const current = await readProcessIdentityAsync(entry.pid);
  const isChild = matchesRef(current, entry);
  // A dead but unreaped leader (zombie) or a vanished one may still leave its group running;
  // a pid cannot be reused while a group of that id has members, so those members are the child's.
  const leaderDead = current === null || (current.state === 'Z' && current.startTime === entry.startTime);
  if (!isChild && !leaderDead) {
    return skip(`pid ${entry.pid} now belongs to another process; not touched`, true);
  }
  if (!isChild && entry.pgid === entry.pid && (await listGroupMembersAsync(entry.pgid)).length === 0) {
    return skip('child already gone', true);
  }
  if (!isChild && entry.pgid !== entry.pid) {
    return skip('child already gone (its group cannot be verified without it)', true);
  }
  const ended = await terminateProcessTree(entry.pid, { graceMs: options.graceMs });
  if (!ended.exited) return skip(`could not end pids ${ended.survivors.join(', ')}; kept for the next try`, false);
  await rm(file, { force: true });
  return { reaped: entry };
}
