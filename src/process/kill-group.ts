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
/** How long a kill waits for the tree to vanish after SIGKILL unless told otherwise. */
export const DEFAULT_KILL_WAIT_MS = 2000;
const KILL_POLL_MS = 5;

/**
 * SIGTERM the group of `pid` and its descendants, wait up to `graceMs`, then
 * SIGKILL what is left (tree-kill for descendants that escaped the group).
 * Descendants are snapshotted before any signal: once a parent dies its
 * children are reparented and can no longer be found through ppid links.
 */
export async function terminateProcessTree(pid: number, options: TerminateOptions): Promise<TerminateResult> {
  const [result] = await endTrees([pid], 'SIGTERM', options);
  return result!;
}

/**
 * The same for many trees at once (a shutdown): every group gets SIGTERM in the same moment and
 * one read of the process table per poll serves them all, so ending N sessions takes one grace
 * period, not N, and costs one /proc scan per tick, not N.
 */
export async function terminateProcessTrees(pids: readonly number[], options: TerminateOptions): Promise<TerminateResult[]> {
  return endTrees(pids, 'SIGTERM', options);
}

/** SIGKILL the group of `pid` and its descendants right away (a dying worker's child). */
export async function killProcessTreeNow(
  pid: number,
  options: Omit<TerminateOptions, 'graceMs'> = {},
): Promise<TerminateResult> {
  const [result] = await endTrees([pid], 'SIGKILL', { ...options, graceMs: 0 });
  return result!;
}

async function trackTree(pid: number): Promise<TrackedTree> {
  const root = await readProcessIdentityAsync(pid);
  // A leader already reaped may leave its group behind: while any member lives, that pgid cannot be reused.
  const rootGroup = root ? root.pgid : pid;
  const pgid = rootGroup > 1 && rootGroup !== ownProcessGroup() ? rootGroup : null;
  return new TrackedTree(pid, pgid);
}

async function endTrees(pids: readonly number[], first: NodeJS.Signals, options: TerminateOptions): Promise<TerminateResult[]> {
  if (pids.length === 0) return [];
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const trees = await Promise.all(pids.map(trackTree));
  const update = (table: ProcessStat[]) => trees.map((tree) => tree.update(table));
  const anyAlive = (alive: ProcessStat[][]) => alive.some((list) => list.length > 0);
  const signalled = trees.map(() => new Set<number>());
  let alive = update(await readProcessTableAsync());
  const escalated = trees.map(() => false);

  if (first !== 'SIGKILL') {
    const term = () => trees.forEach((tree, i) => sendTerm(tree, alive[i]!, first, signalled[i]!));
    term();
    const graceEnd = Date.now() + options.graceMs;
    while (anyAlive(alive) && Date.now() < graceEnd) {
      await delay(Math.min(pollMs, Math.max(1, graceEnd - Date.now())));
      alive = update(await readProcessTableAsync());
      term(); // newcomers seen during the grace get the same signal
    }
  }

  const kill = () =>
    Promise.all(
      trees.map(async (tree, i) => {
        if (alive[i]!.length === 0) return;
        escalated[i] = true;
        await sendKill(tree, alive[i]!);
      }),
    );
  if (anyAlive(alive)) {
    await kill();
    const killEnd = Date.now() + (options.killWaitMs ?? DEFAULT_KILL_WAIT_MS);
    alive = update(await readProcessTableAsync());
    while (anyAlive(alive) && Date.now() < killEnd) {
      await delay(Math.min(pollMs, KILL_POLL_MS)); // death after SIGKILL takes moments, not a grace period
      alive = update(await readProcessTableAsync());
      await kill(); // late forks
    }
  }
  return trees.map((_, i) => ({ exited: alive[i]!.length === 0, escalated: escalated[i]!, survivors: alive[i]!.map((p) => p.pid) }));
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
