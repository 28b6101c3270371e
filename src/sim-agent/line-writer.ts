/**
 * stdout, one write per line, with backpressure: when a write is refused we wait for 'drain'.
 * `flush()` resolves once every line handed over has left the process, so a line written
 * before a crash reaches the reader.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export type JsonLine = Record<string, unknown>;

/** Watches what is written: a stamp belongs to the next piece of data handed to the stream. */
export interface WriteTally {
  stamped(ts: number): void;
  /** `length` as the stream counts it (characters of a string, bytes of a buffer). */
  handed(length: number): void;
}

/** Epoch ms with a fraction, from the high-resolution clock. */
export function nowTs(): number {
  return performance.timeOrigin + performance.now();
}

export class LineWriter {
  private lastWrite: Promise<void> = Promise.resolve();
  private broken = false;

  constructor(
    private readonly out: Writable,
    private readonly timestamps: boolean,
    /** Told of each stamp and each write (the tally-dir knob). */
    private readonly tally?: WriteTally,
  ) {
    // A reader that went away is not our error to report; stop writing.
    out.on('error', () => {
      this.broken = true;
    });
  }

  /** The exact text of a JSON line (without the newline), stamped with `ts` unless it has one. */
  encode(event: JsonLine): string {
    if (this.timestamps && event.ts === undefined) {
      event.ts = nowTs();
      // Every line carries its time (a permission request's latency is measured from it), but only
      // a line troupe turns into a chunk is owed to a stress run.
      if (becomesChunk(event)) this.tally?.stamped(event.ts as number);
    }
    return JSON.stringify(event);
  }

  /** Writes one JSON line. */
  event(event: JsonLine): Promise<void> {
    return this.write(`${this.encode(event)}\n`);
  }

  /** Writes bytes as they are (garbage lines); the caller adds the newline. */
  async write(data: string | Uint8Array): Promise<void> {
    if (this.broken) return;
    this.tally?.handed(data.length);
    let done!: () => void;
    this.lastWrite = new Promise<void>((resolve) => (done = resolve));
    if (!this.out.write(data, () => done())) {
      // once() also settles (rejects) when the stream fails meanwhile.
      await once(this.out, 'drain').catch(() => undefined);
    }
  }

  flush(): Promise<void> {
    return this.broken ? Promise.resolve() : this.lastWrite;
  }
}

/**
 * Whether troupe turns the line into a chunk: control-protocol lines (permission and interrupt
 * talk) and a user line without a tool result (Claude's echo of an interrupt) it does not. Only
 * those that do are tallied, so a stress run counts no line as owed that never could arrive.
 */
function becomesChunk(event: JsonLine): boolean {
  const type = String(event.type);
  if (type.startsWith('control_')) return false;
  if (type !== 'user') return true;
  const content = (event.message as { content?: unknown } | undefined)?.content;
  return Array.isArray(content) && content.some((block) => (block as { type?: unknown } | null)?.type === 'tool_result');
}
