import type { FaultInjection } from '../protocol/index.js';

/**
 * Injected worker-thread faults (stress runs, supervision checks): after N forwarded chunks
 * the worker throws, exits, or runs out of memory, the way a real bug would kill it; or it is
 * slow to act on a stop, the way a thread starved of CPU is.
 */
export class FaultInjector {
  private forwarded = 0;

  constructor(private readonly faults: FaultInjection | undefined) {}

  /** The worker acts on a stop call only this long after it arrives, as a starved one does. */
  get stopDelayMs(): number {
    return this.faults?.workerStopDelayMs ?? 0;
  }

  onChunkForwarded(): void {
    if (!this.faults) return;
    this.forwarded += 1;
    const { workerThrowAfterChunks, workerExitAfterChunks, workerOomAfterChunks } = this.faults;
    if (this.forwarded === workerThrowAfterChunks) {
      setImmediate(() => {
        throw new Error(`injected fault: worker throws after ${this.forwarded} chunks`);
      });
    }
    if (this.forwarded === workerExitAfterChunks) setImmediate(() => process.exit(3));
    if (this.forwarded === workerOomAfterChunks) setImmediate(exhaustMemory);
  }
}

function exhaustMemory(): void {
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array<number>(1_000_000).fill(hoard.length));
}

/** Blocks the thread for good (only terminating the worker ends it), or for `ms`: an injected stuck or starved thread. */
export function hangThisThread(ms?: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
