/**
 * Ending an agent's whole process tree: SIGTERM to its process group (and to
 * descendants that left it), a grace period, then SIGKILL (OTP's shutdown then
 * brutal_kill). Async only: it runs on the main thread too.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { readProcessIdentityAsync, readProcessTableAsync } from './proc-info.js';
import type { ProcessStat } from './proc-stat.js';
import { ownProcessGroup, signalGroup, signalProcess } from './signal.js';
import { TrackedTree } from './tracked-tree.js';
import { treeKillAsync } from './tree-kill-async.js';

export { signalGroup, signalProcess } from './signal.js';

export interface TerminateOptions {
  /** How long the tree may take to exit after SIGTERM before SIGKILL. */
  graceMs: number;
  /** How often /proc is looked at while waiting. Default 20 ms. */
  pollMs?: number;
  /** How long to wait for the tree to vanish after SIGKILL. Default 2000 ms. */
  killWaitMs?: number;
}

export interface TerminateResult {
  /** Every tracked process is gone (zombies count as gone). */
  exited: boolean;
  /** SIGKILL was sent. */
  escalated: boolean;
  /** pids still alive when we stopped waiting (e.g. stuck in uninterruptible sleep). */
  survivors: number[];
}

const DEFAULT_POLL_MS = 20;
const DEFAULT_KILL_WAIT_MS = 2000;
const KILL_POLL_MS = 5;

/**
 * SIGTERM the group of `pid` and its descendants, wait up to `graceMs`, then
 * SIGKILL what is left (tree-kill for descendants that escaped the group).
 * Descendants are snapshotted before any signal: once a parent dies its
 * children are reparented and can no longer be found through ppid links.
 */
export async function terminateProcessTree(pid: number, options: TerminateOptions): Promise<TerminateResult> {
  return endTree(pid, 'SIGTERM', options);
}

/** SIGKILL the group of `pid` and its descendants right away (a dying worker's child). */
export async function killProcessTreeNow(
  pid: number,
  options: Omit<TerminateOptions, 'graceMs'> = {},
): Promise<TerminateResult> {
  return endTree(pid, 'SIGKILL', { ...options, graceMs: 0 });
}

async function endTree(pid: number, first: NodeJS.Signals, options: TerminateOptions): Promise<TerminateResult> {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const root = await readProcessIdentityAsync(pid);
  // A leader already reaped may leave its group behind: while any member lives, that pgid cannot be reused.
  const rootGroup = root ? root.pgid : pid;
  const pgid = rootGroup > 1 && rootGroup !== ownProcessGroup() ? rootGroup : null;
  const tree = new TrackedTree(pid, pgid);

  const signalled = new Set<number>();
  let alive = tree.update(await readProcessTableAsync());

  if (first !== 'SIGKILL') {
    sendTerm(tree, alive, first, signalled);
    const graceEnd = Date.now() + options.graceMs;
    while (alive.length > 0 && Date.now() < graceEnd) {
      await delay(Math.min(pollMs, Math.max(1, graceEnd - Date.now())));
      alive = tree.update(await readProcessTableAsync());
      sendTerm(tree, alive, first, signalled); // newcomers seen during the grace get the same signal
    }
    if (alive.length === 0) return { exited: true, escalated: false, survivors: [] };
  }

  await sendKill(tree, alive);
  const killEnd = Date.now() + (options.killWaitMs ?? DEFAULT_KILL_WAIT_MS);
  alive = tree.update(await readProcessTableAsync());
  while (alive.length > 0 && Date.now() < killEnd) {
    await delay(Math.min(pollMs, KILL_POLL_MS)); // death after SIGKILL takes moments, not a grace period
    alive = tree.update(await readProcessTableAsync());
    if (alive.length > 0) await sendKill(tree, alive); // late forks
  }
  return { exited: alive.length === 0, escalated: true, survivors: alive.map((p) => p.pid) };
}

/** Group signal for the group, one signal per escaped process; each process signalled once. */
function sendTerm(tree: TrackedTree, alive: ProcessStat[], signal: NodeJS.Signals, signalled: Set<number>): void {
  if (tree.pgid !== null && !signalled.has(-tree.pgid)) {
    signalGroup(tree.pgid, signal);
    signalled.add(-tree.pgid);
  }
  for (const p of tree.escaped(alive)) {
    if (signalled.has(p.pid)) continue;
    signalled.add(p.pid);
    signalProcess(p.pid, signal);
  }
}

async function sendKill(tree: TrackedTree, alive: ProcessStat[]): Promise<void> {
  if (tree.pgid !== null) signalGroup(tree.pgid, 'SIGKILL');
  const escaped = tree.escaped(alive);
  const escapedPids = new Set(escaped.map((p) => p.pid));
  // tree-kill from the top of each escaped subtree also finds children forked since the last snapshot.
  const tops = escaped.filter((p) => !escapedPids.has(p.ppid));
  const done = await Promise.all(tops.map((p) => treeKillAsync(p.pid, 'SIGKILL')));
  if (done.every(Boolean)) return;
  for (const p of escaped) signalProcess(p.pid, 'SIGKILL'); // `ps` missing: what we tracked is all we can reach
}
