import { existsSync } from 'node:fs';
import { SessionLogWriter } from '../logs/writer.js';
import type { LogFooter, LogHeader, LogRecord } from '../logs/records.js';

/** The session log as the runner writes it; the worker uses a file, state-machine tests a list. */
export interface EventLog {
  /** Writes the header of a new log. */
  create(header: LogHeader): void;
  /** Continues the existing log of a resumed session, or writes a new one if none was ever written. */
  continueOrCreate(header: LogHeader): void;
  /** Adds one line to the pending batch; throws when it cannot be serialized (and stays broken). */
  append(record: LogRecord): void;
  /** Writes the pending batch in one write; throws when the log cannot be written (and stays broken). */
  flush(): void;
  /** Writes what is pending and the footer (when given), and closes the log. */
  close(footer?: LogFooter): void;
}

/** The log file of one session, written synchronously in its worker thread, once per batch. */
export class FileEventLog implements EventLog {
  private writer: SessionLogWriter | null = null;

  constructor(
    private readonly path: string,
    /** Folders on the way to the log may not lead out of the project. */
    private readonly projectRoot: string,
  ) {}

  create(header: LogHeader): void {
    this.writer = SessionLogWriter.create(this.path, header, { projectRoot: this.projectRoot });
  }

  continueOrCreate(header: LogHeader): void {
    this.writer = existsSync(this.path) ? SessionLogWriter.reopen(this.path) : SessionLogWriter.create(this.path, header, { projectRoot: this.projectRoot });
  }

  append(record: LogRecord): void {
    if (!this.writer) throw new Error(`session log ${this.path} is not open`);
    this.writer.queue(record);
  }

  flush(): void {
    // Closed: close() wrote everything that was pending.
    this.writer?.flush();
  }

  close(footer?: LogFooter): void {
    const writer = this.writer;
    this.writer = null;
    if (!writer) return;
    if (writer.broken) {
      try {
        writer.close();
      } catch {
        // Already reported; the file handle is gone either way.
      }
      return;
    }
    writer.close(footer);
  }
}

