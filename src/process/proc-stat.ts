/** Parsing of Linux `/proc/<pid>/stat` and `/proc/<pid>/cmdline`; pure, no I/O. */

export interface ProcessStat {
  pid: number;
  /** One letter: R S D Z T t X I ... (`Z` zombie, `X` dead). */
  state: string;
  ppid: number;
  pgid: number;
  /** Field 22 (start time in clock ticks since boot), kept as a string: it is an identity, not a number to compute with. */
  startTime: string;
}

/**
 * Parses one stat line. The command name (field 2) sits in parentheses and may
 * itself hold spaces and parens, so the fields are read after the LAST ')'.
 */
export function parseStat(text: string): ProcessStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = Number.parseInt(text.slice(0, open), 10);
  // After ')' come fields 3.. : state ppid pgrp session tty_nr tpgid flags ... starttime (22).
  const rest = text.slice(close + 2).trim().split(' ');
  const state = rest[0];
  const ppid = Number.parseInt(rest[1] ?? '', 10);
  const pgid = Number.parseInt(rest[2] ?? '', 10);
  const startTime = rest[19];
  if (!Number.isInteger(pid) || !state || !Number.isInteger(ppid) || !Number.isInteger(pgid) || !startTime) {
    return null;
  }
  return { pid, state, ppid, pgid, startTime };
}

/** NUL-separated argv; zombies and kernel threads have an empty one. */
export function parseCmdline(raw: string): string[] {
  const parts = raw.split('\0');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Zombies (`Z`) and dead tasks (`X`) run nothing: for killing purposes they are gone. */
export function isDeadState(state: string): boolean {
  return state === 'Z' || state === 'X';
}
