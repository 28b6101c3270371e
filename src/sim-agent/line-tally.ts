/**
 * The tally-dir knob: the agent lists the `ts` stamp of every JSON line that left the process
 * (reached the pipe) in `<dir>/<pid>-<start>.json` as it exits (normally, by a crash knob with an
 * exit code, or on SIGINT/SIGTERM), so a stress run can prove each line sent reached troupe.
 * A line still queued in the process when it exits is not sent and not listed: the stream's
 * unwritten length at exit tells which. A death by signal (crash-signal, SIGKILL) leaves no tally.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { WriteTally } from './line-writer.js';

export interface LineTallyFile {
  pid: number;
  startedAt: number;
  lines: number;
  stamps: number[];
}

export class LineTally implements WriteTally {
  private readonly stamps: number[] = [];
  /** Where each stamped line ends in the stream, in the stream's own length units. */
  private readonly ends: number[] = [];
  private pending: number[] = [];
  private handedTotal = 0;
  private readonly startedAt = Math.round(performance.timeOrigin);

  constructor(
    private readonly dir: string,
    private readonly out: Writable,
  ) {
    process.on('exit', () => this.write());
  }

  stamped(ts: number): void {
    this.pending.push(ts);
  }

  handed(length: number): void {
    this.handedTotal += length;
    for (const ts of this.pending) {
      this.stamps.push(ts);
      this.ends.push(this.handedTotal);
    }
    this.pending = [];
  }

  private write(): void {
    const sent = this.handedTotal - this.out.writableLength;
    const stamps = this.stamps.filter((_, i) => this.ends[i]! <= sent);
    const file: LineTallyFile = { pid: process.pid, startedAt: this.startedAt, lines: stamps.length, stamps };
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(join(this.dir, `${process.pid}-${this.startedAt}.json`), JSON.stringify(file));
    } catch (error) {
      process.stderr.write(`troupe-sim-agent: cannot write the line tally in ${this.dir}: ${String(error)}\n`);
    }
  }
}
