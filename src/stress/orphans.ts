/**
 * Agent processes left behind by a run: every agent carries the run's mark in its environment,
 * so after the run /proc is searched for it (zombies do not count: they hold no resources but a pid).
 */
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as wait } from 'node:timers/promises';

async function isLiveMarked(pid: string, needle: string): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const state = stat.charAt(stat.lastIndexOf(')') + 2);
    if (state === 'Z' || state === 'X') return false;
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
    return environ.split('\0').includes(needle);
  } catch {
    return false; // ended while we looked, or not ours to read
  }
}

export async function markedProcesses(variable: string, value: string): Promise<number[]> {
  const needle = `${variable}=${value}`;
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
  const found: number[] = [];
  for (const pid of pids) if (await isLiveMarked(pid, needle)) found.push(Number(pid));
  return found;
}

/** The marked processes still alive after `graceMs` (a process already dying gets that long). */
export async function leftoverProcesses(variable: string, value: string, graceMs = 1_000): Promise<number[]> {
  const deadline = performance.now() + graceMs;
  for (;;) {
    const alive = await markedProcesses(variable, value);
    if (alive.length === 0 || performance.now() >= deadline) return alive;
    await wait(50);
  }
}
