import { agentNiceFor, setAutogroupNice } from '../process/autogroup-nice.js';

/**
 * Keeps every live agent's autogroup at the nice that fits the number of live agents
 * (autogroup-nice.ts), from the main thread, which sees them all (the workers' shared slots). A
 * worker starts its agent at nice 19, before it publishes the pid; this raises it once the
 * supervisor hears of the spawn, and moves all of them when the count changes.
 */
export class AgentPriority {
  /** pid -> the nice last written for it. */
  private readonly applied = new Map<number, number>();
  private pending = false;

  constructor(
    private readonly livePids: () => number[],
    /** Runs the re-apply once the current tick is done, so a burst of spawns costs one pass. */
    private readonly defer: (fn: () => void) => void,
    private readonly setNice: (pid: number, nice: number) => Promise<boolean> = setAutogroupNice,
  ) {}

  /** An agent spawned (its worker just set it to nice 19) or one ended. */
  changed(spawnedPid?: number): void {
    if (spawnedPid !== undefined) this.applied.delete(spawnedPid);
    if (this.pending) return;
    this.pending = true;
    this.defer(() => {
      this.pending = false;
      this.apply();
    });
  }

  private apply(): void {
    const pids = this.livePids();
    const nice = agentNiceFor(pids.length);
    const live = new Set(pids);
    for (const pid of this.applied.keys()) if (!live.has(pid)) this.applied.delete(pid);
    for (const pid of pids) {
      if (this.applied.get(pid) === nice) continue;
      this.applied.set(pid, nice);
      void this.setNice(pid, nice);
    }
  }
}
