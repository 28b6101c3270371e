/**
 * The set of processes one kill is responsible for: the root, its process
 * group, and every descendant seen so far (including those that left the group
 * with setsid). Each is remembered with its start time, so a pid reused later
 * by an unrelated process is never counted or signalled.
 */
import { isDeadState, type ProcessStat } from './proc-stat.js';
import { descendantsIn } from './process-tree.js';

export class TrackedTree {
  private readonly known = new Map<number, ProcessStat>();

  /** `pgid` null when the root shares troupe's own group (the group is then never signalled). */
  constructor(
    readonly rootPid: number,
    readonly pgid: number | null,
  ) {}

  /** Learns from a fresh snapshot of the process table; returns the tracked processes still alive. */
  update(table: readonly ProcessStat[]): ProcessStat[] {
    const now = new Map(table.map((p) => [p.pid, p]));
    const root = now.get(this.rootPid);
    if (this.known.size === 0 && root) this.known.set(root.pid, root);
    if (this.pgid !== null) {
      for (const p of table) if (p.pgid === this.pgid && !isDeadState(p.state)) this.add(p);
    }
    for (const p of [...this.known.values()]) {
      if (!this.isCurrent(now, p)) continue;
      for (const pid of descendantsIn(table, p.pid)) {
        const child = now.get(pid);
        if (child) this.add(child);
      }
    }
    return [...this.known.values()]
      .map((p) => now.get(p.pid))
      .filter((p): p is ProcessStat => p !== undefined && this.isCurrent(now, p) && !isDeadState(p.state));
  }

  /** Live tracked processes outside the root's group (a group signal does not reach them). */
  escaped(alive: readonly ProcessStat[]): ProcessStat[] {
    return alive.filter((p) => p.pgid !== this.pgid);
  }

  private add(p: ProcessStat): void {
    if (!this.known.has(p.pid)) this.known.set(p.pid, p);
  }

  private isCurrent(now: Map<number, ProcessStat>, p: ProcessStat): boolean {
    return now.get(p.pid)?.startTime === this.known.get(p.pid)?.startTime;
  }
}
