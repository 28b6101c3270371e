/**
 * Linux /proc helpers, in sync twins (for worker threads and start-up) and
 * async twins (for the main thread, which does no synchronous disk I/O while
 * sessions run).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { isDeadState, parseCmdline, parseStat, type ProcessStat } from './proc-stat.js';
import { descendantsIn, groupMembersIn } from './process-tree.js';

export type { ProcessStat } from './proc-stat.js';

export interface ProcessIdentity extends ProcessStat {
  cmdline: string[];
}

/** What is needed to tell one process from a later one that got the same pid. */
export interface ProcessRef {
  pid: number;
  startTime: string;
  /** Compared too when given. */
  cmdline?: readonly string[];
}

const PROC = '/proc';

function statPath(pid: number): string {
  return `${PROC}/${pid}/stat`;
}

function cmdlinePath(pid: number): string {
  return `${PROC}/${pid}/cmdline`;
}

function isPid(pid: number): boolean {
  return Number.isInteger(pid) && pid > 0;
}

/** The process as /proc shows it now, zombies included; null when there is no such pid. */
export function readProcessIdentity(pid: number): ProcessIdentity | null {
  if (!isPid(pid)) return null;
  try {
    const stat = parseStat(readFileSync(statPath(pid), 'utf8'));
    if (!stat) return null;
    return { ...stat, cmdline: parseCmdline(readFileSync(cmdlinePath(pid), 'utf8')) };
  } catch {
    return null; // gone between the two reads, or never there
  }
}

export async function readProcessIdentityAsync(pid: number): Promise<ProcessIdentity | null> {
  if (!isPid(pid)) return null;
  try {
    const stat = parseStat(await readFile(statPath(pid), 'utf8'));
    if (!stat) return null;
    return { ...stat, cmdline: parseCmdline(await readFile(cmdlinePath(pid), 'utf8')) };
  } catch {
    return null;
  }
}

/** Whether an identity read from /proc is the process `ref` describes, still running. */
export function matchesRef(current: ProcessIdentity | null, ref: ProcessRef): boolean {
  if (!current || isDeadState(current.state)) return false;
  if (current.startTime !== ref.startTime) return false;
  if (ref.cmdline === undefined) return true;
  return (
    current.cmdline.length === ref.cmdline.length &&
    current.cmdline.every((arg, i) => arg === ref.cmdline?.[i])
  );
}

/** Alive, not a zombie, same start time (and same cmdline when given): not a reused pid. */
export function isSameProcess(ref: ProcessRef): boolean {
  return matchesRef(readProcessIdentity(ref.pid), ref);
}

export async function isSameProcessAsync(ref: ProcessRef): Promise<boolean> {
  return matchesRef(await readProcessIdentityAsync(ref.pid), ref);
}

/** This process (every thread of it shares the pid). */
export function selfIdentity(): ProcessIdentity {
  const self = readProcessIdentity(process.pid);
  if (!self) throw new Error(`cannot read ${statPath(process.pid)}: /proc is required`);
  return self;
}

function numericEntries(names: string[]): number[] {
  return names.filter((n) => /^\d+$/.test(n)).map(Number);
}

/** Every process's stat line, zombies included. */
export function readProcessTable(): ProcessStat[] {
  const table: ProcessStat[] = [];
  for (const pid of numericEntries(readdirSync(PROC))) {
    try {
      const stat = parseStat(readFileSync(statPath(pid), 'utf8'));
      if (stat) table.push(stat);
    } catch {
      // exited while scanning
    }
  }
  return table;
}

export async function readProcessTableAsync(): Promise<ProcessStat[]> {
  const pids = numericEntries(await readdir(PROC));
  const stats = await Promise.all(
    pids.map((pid) => readFile(statPath(pid), 'utf8').then(parseStat, () => null)),
  );
  return stats.filter((s): s is ProcessStat => s !== null);
}

/** Non-zombie pids whose process group is `pgid`. */
export function listGroupMembers(pgid: number): number[] {
  return groupMembersIn(readProcessTable(), pgid);
}

export async function listGroupMembersAsync(pgid: number): Promise<number[]> {
  return groupMembersIn(await readProcessTableAsync(), pgid);
}

/** Non-zombie descendants of `pid` via ppid links (an orphan reparented to init is no longer one). */
export function listDescendants(pid: number): number[] {
  return descendantsIn(readProcessTable(), pid);
}

export async function listDescendantsAsync(pid: number): Promise<number[]> {
  return descendantsIn(await readProcessTableAsync(), pid);
}
