import type { SessionEvent } from '../protocol/session-events.js';
import type { EndMarker, WorkerDataBatch } from '../protocol/worker-messages.js';
import type { Clock, TimerHandle } from '../time/clock.js';

/** The most events in one batch: a flood of lines from one read goes out in pieces of this size. */
export const MAX_BATCH_ITEMS = 256;

/**
 * The data plane to the supervisor: raw postMessage of event batches. There is no time-based
 * batching: a batch is what one read from the agent's pipe produced, sent when the read is done,
 * and events from outside a read go out after the current tick. A flush timer woke each worker a
 * second time for most chunks at 100 chunks/s, and those wake-ups of 100 threads cost more than
 * the extra messages.
 */
export class DataChannel {
  private queue: SessionEvent[] = [];
  private timer: TimerHandle | null = null;
  private closed = false;
  private holding = false;

  constructor(
    private readonly post: (batch: WorkerDataBatch) => void,
    private readonly clock: Clock,
    private readonly maxBatchItems = MAX_BATCH_ITEMS,
  ) {}

  push(event: SessionEvent, urgent = false): void {
    if (this.closed) return;
    this.queue.push(event);
    if (urgent || this.queue.length >= this.maxBatchItems) {
      this.flush();
      return;
    }
    if (this.timer !== null || this.holding) return;
    this.timer = this.clock.defer(() => this.flush());
  }

  flush(end?: EndMarker): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.closed || (this.queue.length === 0 && !end)) return;
    const batch: WorkerDataBatch = end ? { events: this.queue, end } : { events: this.queue };
    this.queue = [];
    this.post(batch);
  }

  /**
   * Runs `work` (one read from the agent's pipe) and sends what it queued as one batch right after,
   * without a timer: one wake-up of the thread per read, where a deferred flush took a second pass.
   */
  batch(work: () => void): void {
    if (this.holding) {
      work();
      return;
    }
    this.holding = true;
    try {
      work();
    } finally {
      this.holding = false;
      this.flush();
    }
  }

  /** Sends whatever is queued with the in-band end marker, then stops. */
  end(marker: EndMarker): void {
    this.flush(marker);
    this.closed = true;
  }
}
