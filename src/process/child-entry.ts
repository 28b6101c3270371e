/** One registered agent process group: its on-disk form and its validation. */
import path from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { quoted } from '../text/quoted.js';

export interface ChildEntry {
  pid: number;
  pgid: number;
  /** Field 22 of /proc/<pid>/stat when registered: with `cmdline`, tells the child from a later process with its pid. */
  startTime: string;
  cmdline: string[];
  /** The troupe process that spawned it, identified the same way. */
  ownerPid: number;
  ownerStartTime: string;
  sessionId: string;
}

/** Entries are named after the child's pid: at most one live process has it. */
export function entryPath(dir: string, pid: number): string {
  return path.join(dir, `${pid}.json`);
}

export function isEntryFileName(name: string): boolean {
  return /^\d+\.json$/.test(name);
}

function fail(field: string, rule: string, value: unknown): never {
  const what = field ? `child entry ${field}` : 'child entry';
  throw troupeError('INVALID_ARGUMENT', `${what} must be ${rule}, got ${quoted(value)}`);
}

function positiveInt(entry: Record<string, unknown>, field: string): number {
  const value = entry[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 1) fail(field, 'an integer > 1', value);
  return value;
}

function nonEmptyString(entry: Record<string, unknown>, field: string): string {
  const value = entry[field];
  if (typeof value !== 'string' || value === '') fail(field, 'a non-empty string', value);
  return value;
}

/**
 * Checks an entry before it is written or after it is read. An empty start
 * time is refused: without it a reaper could not tell the child (or the owner)
 * from a stranger that reused the pid.
 */
export function validateChildEntry(value: unknown): ChildEntry {
  if (typeof value !== 'object' || value === null) fail('', 'an object', value);
  const entry = value as Record<string, unknown>;
  const cmdline = entry['cmdline'];
  if (!Array.isArray(cmdline) || !cmdline.every((arg) => typeof arg === 'string')) {
    fail('cmdline', 'an array of strings', cmdline);
  }
  return {
    pid: positiveInt(entry, 'pid'),
    pgid: positiveInt(entry, 'pgid'),
    startTime: nonEmptyString(entry, 'startTime'),
    cmdline: [...(cmdline as string[])],
    ownerPid: positiveInt(entry, 'ownerPid'),
    ownerStartTime: nonEmptyString(entry, 'ownerStartTime'),
    sessionId: nonEmptyString(entry, 'sessionId'),
  };
}
