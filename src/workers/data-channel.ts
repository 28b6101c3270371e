import type { SessionEvent } from '../protocol/session-events.js';
import type { EndMarker, WorkerDataBatch } from '../protocol/worker-messages.js';
import type { Clock, TimerHandle } from '../time/clock.js';

export interface DataChannelOptions {
  maxBatchItems: number;
  maxBatchDelayMs: number;
}

/**
 * No time-based batching by default: a batch is what one tick of the worker parsed (one read from
 * the agent's pipe), sent once the tick is done. A flush timer woke each worker a second time for
 * most chunks at 100 chunks/s, and those wake-ups of 100 threads cost more than the extra messages.
 */
export const DEFAULT_DATA_CHANNEL_OPTIONS: DataChannelOptions = { maxBatchItems: 256, maxBatchDelayMs: 0 };

/**
 * The data plane to the supervisor: raw postMessage of event batches. Events go out after the
 * current tick, so lines parsed together travel together; with maxBatchDelayMs > 0 a busy stream
 * is also held back to one batch per that many ms. A batch never exceeds maxBatchItems.
 */
export class DataChannel {
  private queue: SessionEvent[] = [];
  private timer: TimerHandle | null = null;
  private lastFlushAt = -Infinity;
  private closed = false;
  private holding = false;

  constructor(
    private readonly post: (batch: WorkerDataBatch) => void,
    private readonly clock: Clock,
    private readonly options: DataChannelOptions = DEFAULT_DATA_CHANNEL_OPTIONS,
  ) {}

  push(event: SessionEvent, urgent = false): void {
    if (this.closed) return;
    this.queue.push(event);
    if (urgent || this.queue.length >= this.options.maxBatchItems) {
      this.flush();
      return;
    }
    if (this.timer !== null || this.holding) return;
    const sinceLast = this.options.maxBatchDelayMs > 0 ? this.clock.now() - this.lastFlushAt : Infinity;
    this.timer =
      sinceLast >= this.options.maxBatchDelayMs
        ? this.clock.defer(() => this.flush())
        : this.clock.setTimeout(() => this.flush(), this.options.maxBatchDelayMs - sinceLast);
  }

  flush(end?: EndMarker): void {
    if (this.timer !== null) {
      this.clock.clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.closed || (this.queue.length === 0 && !end)) return;
    const batch: WorkerDataBatch = end ? { events: this.queue, end } : { events: this.queue };
    this.queue = [];
    if (this.options.maxBatchDelayMs > 0) this.lastFlushAt = this.clock.now();
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
