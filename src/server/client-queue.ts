/**
 * One browser's outgoing frames, bounded. Frames go to the socket only while its own buffer is
 * below a high-water mark; beyond that they wait here, and when too many wait the backlog is
 * dropped and the client later gets one snapshot of the current state instead.
 * A slow or stuck client therefore costs at most `highWaterBytes + maxQueuedBytes` (+ one frame).
 * Essential frames (replies to the client's own commands) are never dropped; a client that lets
 * more than `maxEssentialBytes` of them pile up is disconnected instead.
 */

/** The part of a `ws` WebSocket the queue uses. */
export interface QueueSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: string, cb?: (error?: Error) => void): void;
  close(code?: number, reason?: string): void;
}

interface Queued {
  frame: string;
  essential: boolean;
}

export interface ClientQueueOptions {
  /** Stop handing frames to the socket while it holds this many unsent bytes. */
  highWaterBytes: number;
  /** Most bytes waiting here; one more and the backlog becomes a snapshot. */
  maxQueuedBytes: number;
  /** Most bytes of undroppable replies waiting here before the client is cut off. */
  maxEssentialBytes: number;
}

export const DEFAULT_QUEUE_OPTIONS: ClientQueueOptions = {
  highWaterBytes: 256 * 1024,
  maxQueuedBytes: 1024 * 1024,
  maxEssentialBytes: 8 * 1024 * 1024,
};

export interface ClientQueueStats {
  sentFrames: number;
  sentBytes: number;
  droppedFrames: number;
  droppedBytes: number;
  snapshots: number;
  queuedFrames: number;
  queuedBytes: number;
  /** Most bytes ever waiting in this queue. */
  peakQueuedBytes: number;
  /** Most bytes ever seen in the socket's own buffer when the queue looked at it. */
  peakBufferedBytes: number;
}

const OPEN = 1;
const EMPTY: Queued = { frame: '', essential: false };

export class ClientQueue {
  private frames: Queued[] = [];
  private head = 0;
  private bytes = 0;
  private essentialBytes = 0;
  /** Bytes promised to replies still being built (see reserve). */
  private reservedBytes = 0;
  private behind = false;
  private flushScheduled = false;
  private readonly stats: ClientQueueStats = {
    sentFrames: 0,
    sentBytes: 0,
    droppedFrames: 0,
    droppedBytes: 0,
    snapshots: 0,
    queuedFrames: 0,
    queuedBytes: 0,
    peakQueuedBytes: 0,
    peakBufferedBytes: 0,
  };

  constructor(
    private readonly socket: QueueSocket,
    /** Builds the snapshot frame at the moment it can be sent, so it is current. */
    private readonly snapshot: () => string,
    private readonly options: ClientQueueOptions = DEFAULT_QUEUE_OPTIONS,
  ) {}

  /** True while the client is behind and waits for a snapshot (new frames are dropped). */
  get isBehind(): boolean {
    return this.behind;
  }

  get queuedBytes(): number {
    return this.bytes;
  }

  getStats(): ClientQueueStats {
    return { ...this.stats, queuedFrames: this.frames.length - this.head, queuedBytes: this.bytes };
  }

  /**
   * Holds room for a reply that is about to be built, so a client that does not read its replies
   * is refused before the work is done rather than after. Null when there is no room; else the
   * function that gives the room back (call it just before enqueueing the reply).
   */
  reserve(bytes: number): (() => void) | null {
    if (this.essentialBytes + this.reservedBytes + bytes > this.options.maxEssentialBytes) return null;
    this.reservedBytes += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.reservedBytes -= bytes;
    };
  }

  enqueue(frame: string, essential = false): void {
    if (this.socket.readyState !== OPEN) return;
    // String length is a cheap, close bound of the bytes (frames are mostly ASCII JSON).
    const size = frame.length;
    if (essential) {
      this.essentialBytes += size;
      if (this.essentialBytes > this.options.maxEssentialBytes) {
        this.clear();
        this.socket.close(1013, 'too many unread replies');
        return;
      }
      this.push({ frame, essential });
      this.scheduleFlush();
      return;
    }
    if (this.behind) {
      this.countDropped(1, size);
      return;
    }
    if (this.bytes - this.essentialBytes + size > this.options.maxQueuedBytes) {
      this.dropBacklog();
      this.countDropped(1, size);
      this.scheduleFlush();
      return;
    }
    this.push({ frame, essential });
    this.scheduleFlush();
  }

  private push(item: Queued): void {
    this.frames.push(item);
    this.bytes += item.frame.length;
    if (this.bytes > this.stats.peakQueuedBytes) this.stats.peakQueuedBytes = this.bytes;
  }

  /** Asks for a snapshot on the next flush, e.g. after the client's view was reset. */
  requestSnapshot(): void {
    this.dropBacklog();
    this.scheduleFlush();
  }

  /** Hands waiting frames to the socket while its buffer is below the high-water mark. */
  flush(): void {
    this.flushScheduled = false;
    if (this.socket.readyState !== OPEN) {
      this.clear();
      return;
    }
    this.notePeakBuffered();
    if (this.behind) {
      if (this.socket.bufferedAmount >= this.options.highWaterBytes) return;
      this.behind = false;
      this.stats.snapshots++;
      this.write(this.snapshot());
    }
    while (this.head < this.frames.length && this.socket.bufferedAmount < this.options.highWaterBytes) {
      const item = this.frames[this.head] as Queued;
      this.frames[this.head++] = EMPTY;
      this.bytes -= item.frame.length;
      if (item.essential) this.essentialBytes -= item.frame.length;
      this.write(item.frame);
    }
    if (this.head === this.frames.length) {
      this.frames = [];
      this.head = 0;
    } else if (this.head > 1024) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
  }

  /** Forgets everything waiting (the socket closed). */
  clear(): void {
    this.frames = [];
    this.head = 0;
    this.bytes = 0;
    this.essentialBytes = 0;
  }

  private write(frame: string): void {
    this.stats.sentFrames++;
    this.stats.sentBytes += frame.length;
    // The callback fires once the frame left for the kernel: a good moment to send more.
    this.socket.send(frame, () => {
      if (this.head < this.frames.length || this.behind) this.scheduleFlush();
    });
    this.notePeakBuffered();
  }

  /** Drops every waiting frame but the essential ones; a snapshot will stand in for them. */
  private dropBacklog(): void {
    const kept = this.frames.slice(this.head).filter((item) => item.essential);
    const keptBytes = kept.reduce((sum, item) => sum + item.frame.length, 0);
    this.countDropped(this.frames.length - this.head - kept.length, this.bytes - keptBytes);
    this.frames = kept;
    this.head = 0;
    this.bytes = keptBytes;
    this.essentialBytes = keptBytes;
    this.behind = true;
  }

  private countDropped(frames: number, bytes: number): void {
    this.stats.droppedFrames += frames;
    this.stats.droppedBytes += bytes;
  }

  private notePeakBuffered(): void {
    if (this.socket.bufferedAmount > this.stats.peakBufferedBytes) {
      this.stats.peakBufferedBytes = this.socket.bufferedAmount;
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }
}
