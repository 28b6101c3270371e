/**
 * The tally-dir knob: the agent lists the `ts` stamp of every JSON line it wrote in
 * `<dir>/<pid>-<start>.json` as it exits (normally, by a crash knob with an exit code, or on
 * SIGINT/SIGTERM), so a stress run can prove each line written reached troupe. stdout on a pipe
 * is synchronous on Linux, so a stamped line is in the pipe before the process can exit.
 * A death by signal (crash-signal, SIGKILL) leaves no tally.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LineTallyFile {
  pid: number;
  startedAt: number;
  lines: number;
  stamps: number[];
}

export class LineTally {
  private readonly stamps: number[] = [];
  private readonly startedAt = Math.round(performance.timeOrigin);

  constructor(private readonly dir: string) {
    process.on('exit', () => this.write());
  }

  note(ts: number): void {
    this.stamps.push(ts);
  }

  private write(): void {
    const file: LineTallyFile = { pid: process.pid, startedAt: this.startedAt, lines: this.stamps.length, stamps: this.stamps };
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(join(this.dir, `${process.pid}-${this.startedAt}.json`), JSON.stringify(file));
    } catch (error) {
      process.stderr.write(`troupe-sim-agent: cannot write the line tally in ${this.dir}: ${String(error)}\n`);
    }
  }
}
