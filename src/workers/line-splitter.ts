/**
 * Splits a byte stream into lines with a bounded buffer: a line longer than `maxLineBytes`
 * is dropped as it streams (reported with its size), so one huge line never costs unbounded memory.
 */
export interface LineSplitterEvents {
  line(text: string): void;
  oversize(bytes: number): void;
}

export class LineSplitter {
  private parts: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes of the current line being discarded because it is too long; -1 when not discarding. */
  private discarding = -1;

  constructor(
    private readonly maxLineBytes: number,
    private readonly events: LineSplitterEvents,
  ) {}

  push(data: Buffer): void {
    let start = 0;
    for (;;) {
      const newline = data.indexOf(10, start);
      if (newline === -1) {
        this.keep(data.subarray(start));
        return;
      }
      // A whole line inside this buffer (the common case): decoded straight from it, no copy.
      if (this.pendingBytes === 0 && this.discarding < 0 && newline - start <= this.maxLineBytes) this.emit(data.toString('utf8', start, newline));
      else {
        this.keep(data.subarray(start, newline));
        this.finishLine();
      }
      start = newline + 1;
    }
  }

  /** The stream ended: a last line without a newline still counts. */
  end(): void {
    if (this.pendingBytes > 0 || this.discarding > 0) this.finishLine();
  }

  private keep(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.discarding >= 0) {
      this.discarding += piece.length;
      return;
    }
    if (this.pendingBytes + piece.length > this.maxLineBytes) {
      this.discarding = this.pendingBytes + piece.length;
      this.parts = [];
      this.pendingBytes = 0;
      return;
    }
    // Copy: the stream may reuse its buffer.
    this.parts.push(Buffer.from(piece));
    this.pendingBytes += piece.length;
  }

  private finishLine(): void {
    if (this.discarding >= 0) {
      const bytes = this.discarding;
      this.discarding = -1;
      this.events.oversize(bytes);
      return;
    }
    const buffer = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.pendingBytes);
    this.parts = [];
    this.pendingBytes = 0;
    this.emit(buffer.toString('utf8'));
  }

  private emit(text: string): void {
    this.events.line(text.endsWith('\r') ? text.slice(0, -1) : text);
  }
}
