import type { SessionEvent } from '../protocol/session-events.js';
import type { EndMarker, WorkerDataBatch } from '../protocol/worker-messages.js';
import type { Clock, TimerHandle } from '../time/clock.js';

export interface DataChannelOptions {
  maxBatchItems: number;
  maxBatchDelayMs: number;
}

export const DEFAULT_DATA_CHANNEL_OPTIONS: DataChannelOptions = { maxBatchItems: 256, maxBatchDelayMs: 16 };

/**
 * The data plane to the supervisor: raw postMessage of event batches. At a low rate an event goes
 * out at once (after the current tick); under a flood events are batched by count and time.
 */
export class DataChannel {
  private queue: SessionEvent[] = [];
  private timer: TimerHandle | null = null;
  private lastFlushAt = -Infinity;
  private closed = false;

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
    if (this.timer !== null) return;
    const sinceLast = this.clock.now() - this.lastFlushAt;
    // Quiet stream: send after this tick, so lines parsed together still travel together.
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
    this.lastFlushAt = this.clock.now();
    this.post(batch);
  }

  /** Sends whatever is queued with the in-band end marker, then stops. */
  end(marker: EndMarker): void {
    this.flush(marker);
    this.closed = true;
  }
}
