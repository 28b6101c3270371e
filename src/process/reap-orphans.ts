/**
 * Reaping the agent process groups that a dead troupe left behind. A group is only ever signalled
 * when a process in it is proven ours: the registered child itself (same start time and cmdline;
 * or its zombie, which still holds the pid and so the group id), or a member carrying the dead
 * owner's marker in its environment (see owner-marker.ts). A leader that is gone proves nothing:
 * its pid, and so its group id, may since belong to a stranger's group.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { messageOf } from '../errors/troupe-error.js';
import { entryPath, isEntryFileName, validateChildEntry, type ChildEntry } from './child-entry.js';
import { terminateProcessTree } from './kill-group.js';
import { hasOwnerMarkerAsync } from './owner-marker.js';
import { isSameProcessAsync, matchesRef, readProcessIdentityAsync, readProcessTableAsync } from './proc-info.js';
import { isDeadState } from './proc-stat.js';
import { descendantsIn } from './process-tree.js';

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

/** One process that was ended, as it was seen just before. */
export interface ReapedProcess {
  pid: number;
  cmdline: string[];
}

export interface ReapedGroup {
  entry: ChildEntry;
  /** The live processes of the group when it was ended. */
  processes: ReapedProcess[];
}

export interface ReapResult {
  /** Orphans whose group and descendants were ended; their entries are removed. */
  reaped: ReapedGroup[];
  /** Entries whose processes were not touched, and why. */
  skipped: SkippedEntry[];
}

type Outcome = { reaped: ReapedGroup } | { skipped: SkippedEntry };

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
  const isChildZombie = current !== null && isDeadState(current.state) && current.startTime === entry.startTime;
  if (current !== null && !isChild && !isChildZombie) {
    return skip(`pid ${entry.pid} now belongs to another process; not touched`, true);
  }
  if (!isChild && entry.pgid !== entry.pid) {
    return skip('child already gone (its group cannot be verified without it)', true);
  }
  const table = await readProcessTableAsync();
  const members = table.filter((p) => p.pgid === entry.pgid && !isDeadState(p.state));
  let root = entry.pid;
  if (!isChild && !isChildZombie) {
    if (members.length === 0) return skip('child already gone', true);
    const marked = await firstMarked(members.map((p) => p.pid), entry);
    if (marked === undefined) {
      return skip(`child gone; group ${entry.pgid} has no process of this troupe (group id reused?): left alone`, true);
    }
    root = marked;
  }
  const processes = await describe([root, ...members.map((p) => p.pid), ...descendantsIn(table, root)]);
  const ended = await terminateProcessTree(root, { graceMs: options.graceMs });
  if (!ended.exited) return skip(`could not end pids ${ended.survivors.join(', ')}; kept for the next try`, false);
  await rm(file, { force: true });
  return { reaped: { entry, processes } };
}

async function firstMarked(pids: number[], entry: ChildEntry): Promise<number | undefined> {
  const marks = await Promise.all(pids.map((pid) => hasOwnerMarkerAsync(pid, entry.ownerPid, entry.ownerStartTime)));
  return pids.find((_, i) => marks[i]);
}

async function describe(pids: number[]): Promise<ReapedProcess[]> {
  const unique = [...new Set(pids)];
  const found = await Promise.all(unique.map((pid) => readProcessIdentityAsync(pid)));
  return found.flatMap((p) => (p === null || isDeadState(p.state) ? [] : [{ pid: p.pid, cmdline: p.cmdline }]));
}
