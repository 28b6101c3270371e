/**
 * What the subscriber received, per session: every seq (to find gaps and duplicates later), the
 * latest turn seen, whether the agent's reply has begun, and, while the measuring window is open,
 * the delivery latency of each chunk (from the agent's own write time to now) and a count for the
 * throughput.
 */
import type { SequencedChunk } from '../protocol/index.js';
import { Sample } from './percentiles.js';

export interface SessionReceipts {
  seqs: Set<number>;
  duplicates: number;
  maxSeq: number;
  received: number;
  lastTurn: number;
  /**
   * A chunk other than a turn's opening `session` chunk arrived: the agent is writing its reply.
   * The init line comes before the agent plans its reply (300 ms of CPU for a 100,000-chunk turn),
   * so a window opened on it alone measured nothing.
   */
  streaming: boolean;
}

/** Epoch ms with a fraction, the same clock the simulated agent stamps its lines with. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export class ReceiveLedger {
  readonly sessions = new Map<string, SessionReceipts>();
  readonly latency = new Sample();
  private recording = false;
  private windowChunks = 0;
  private windowStart = 0;
  private windowEnd = 0;
  private total = 0;

  track(sessionId: string): SessionReceipts {
    let receipts = this.sessions.get(sessionId);
    if (!receipts) {
      receipts = { seqs: new Set(), duplicates: 0, maxSeq: 0, received: 0, lastTurn: 0, streaming: false };
      this.sessions.set(sessionId, receipts);
    }
    return receipts;
  }

  receive(sessionId: string, chunk: SequencedChunk): void {
    const now = epochNow();
    const receipts = this.track(sessionId);
    if (receipts.seqs.has(chunk.seq)) receipts.duplicates += 1;
    else receipts.seqs.add(chunk.seq);
    receipts.received += 1;
    this.total += 1;
    if (chunk.seq > receipts.maxSeq) receipts.maxSeq = chunk.seq;
    if (chunk.turn > receipts.lastTurn) receipts.lastTurn = chunk.turn;
    if (chunk.kind !== 'session') receipts.streaming = true;
    if (!this.recording) return;
    this.windowChunks += 1;
    if (chunk.emittedAt !== undefined) this.latency.push(now - chunk.emittedAt);
  }

  /** Chunks received so far, all sessions. */
  get received(): number {
    return this.total;
  }

  openWindow(): void {
    this.recording = true;
    this.windowStart = performance.now();
  }

  closeWindow(): void {
    if (!this.recording) return;
    this.recording = false;
    this.windowEnd = performance.now();
  }

  /** The window's bounds on the agents' clock (epoch ms), for figures taken elsewhere. */
  get windowEpoch(): { start: number; end: number } {
    const end = this.recording ? performance.now() : this.windowEnd;
    return { start: performance.timeOrigin + this.windowStart, end: performance.timeOrigin + end };
  }

  get windowSeconds(): number {
    return Math.max(0, (this.recording ? performance.now() : this.windowEnd) - this.windowStart) / 1000;
  }

  /** Chunks per second received while the window was open. */
  get throughput(): number {
    const seconds = this.windowSeconds;
    return seconds > 0 ? this.windowChunks / seconds : 0;
  }

  /** Sessions whose agent has begun writing a reply (see `SessionReceipts.streaming`). */
  sessionsStreaming(): number {
    let streaming = 0;
    for (const receipts of this.sessions.values()) if (receipts.streaming) streaming += 1;
    return streaming;
  }
}
