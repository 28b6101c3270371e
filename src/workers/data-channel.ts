import type { MessagePort } from 'node:worker_threads';
import type { WorkerDataBatch, WorkerDataItem } from '../protocol/worker-messages.js';

export interface DataChannelOptions {
  maxBatchItems: number;
  maxBatchDelayMs: number;
}

/**
 * The data plane to the supervisor: raw postMessage of batches. At a low rate an item goes
 * out at once (after the current tick); under a flood items are batched by count and time.
 */
export class DataChannel {
  private queue: WorkerDataItem[] = [];
  private timer: NodeJS.Timeout | null = null;
  private microtaskQueued = false;
  private lastFlushAt = 0;
  private closed = false;

  constructor(
    private readonly port: MessagePort,
    private readonly options: DataChannelOptions = { maxBatchItems: 256, maxBatchDelayMs: 16 },
  ) {}

  push(item: WorkerDataItem, urgent = false): void {
    if (this.closed) return;
    this.queue.push(item);
    if (urgent || this.queue.length >= this.options.maxBatchItems) {
      this.flush();
      return;
    }
    if (this.timer || this.microtaskQueued) return;
    const sinceLast = Date.now() - this.lastFlushAt;
    if (sinceLast >= this.options.maxBatchDelayMs) {
      // Quiet stream: send after this tick, so lines parsed together still travel together.
      this.microtaskQueued = true;
      setImmediate(() => {
        this.microtaskQueued = false;
        this.flush();
      });
    } else {
      this.timer = setTimeout(() => this.flush(), this.options.maxBatchDelayMs - sinceLast);
    }
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.queue.length === 0 || this.closed) return;
    const batch: WorkerDataBatch = { items: this.queue };
    this.queue = [];
    this.lastFlushAt = Date.now();
    this.port.postMessage(batch);
  }

  /** Sends the in-band end item after everything queued, then stops. */
  end(item: Extract<WorkerDataItem, { t: 'end' }>): void {
    this.push(item, true);
    this.closed = true;
  }
}
