/**
 * Appends a session's records to its JSONL log, synchronously: one write per record (append), or
 * one per batch (queue, then flush).
 * It runs in the session's worker thread, so blocking writes are fine there and make the order
 * simple: a record is on disk (in the page cache, which outlives a killed process) before the
 * worker forwards it. Any failure breaks the writer for good, so a session never runs unlogged.
 */
import {
  closeSync,
  constants,
  fdatasyncSync,
  fstatSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { isTroupeError, troupeError, type TroupeError } from '../errors/troupe-error.js';
import { ensureFolderSync } from './ensure-folder.js';
import { LOG_FILE_MODE, LOG_FOLDER_MODE, prepareLogFolder } from './log-folder.js';
import { describeOsError, osErrorCode } from './os-reason.js';
import type { LogFooter, LogHeader, LogRecord } from './records.js';

export interface SessionLogWriterOptions {
  /**
   * How often (ms) to check that the log file still exists: on Linux, writes to a file whose
   * folder was removed succeed and vanish. 0 checks before every record. Default 1000.
   */
  checkIntervalMs?: number;
  now?: () => number;
  /**
   * The project the log belongs to: its folder must resolve inside it (a symlinked `.bp6` or bead
   * folder that leads elsewhere is refused), and a `.bp6` created here ignores itself in git.
   */
  projectRoot?: string;
}

const NEWLINE = 0x0a;

export class SessionLogWriter {
  readonly path: string;
  #fd: number | null;
  #failure: TroupeError | null = null;
  #records = 0;
  #pending: string[] = [];
  readonly #checkIntervalMs: number;
  readonly #now: () => number;
  #lastCheck: number;

  private constructor(path: string, fd: number, options: SessionLogWriterOptions) {
    this.path = path;
    this.#fd = fd;
    this.#checkIntervalMs = options.checkIntervalMs ?? 1000;
    this.#now = options.now ?? Date.now;
    this.#lastCheck = this.#now();
  }

  /** Creates the folders and a new log (never overwrites one), and writes the header. */
  static create(path: string, header: LogHeader, options: SessionLogWriterOptions = {}): SessionLogWriter {
    let fd: number;
    try {
      if (options.projectRoot === undefined) ensureFolderSync(dirname(path), { mode: LOG_FOLDER_MODE });
      else prepareLogFolder(options.projectRoot, dirname(path));
      // Prompts and code: readable by the user only. 'ax' has O_EXCL, so a symlink is never followed.
      fd = openSync(path, 'ax', LOG_FILE_MODE);
    } catch (error) {
      throw writeFailure(path, 'cannot create session log', error);
    }
    const writer = new SessionLogWriter(path, fd, options);
    writer.append(header);
    return writer;
  }

  /** Appends to an existing log (a resumed session). A torn last line is sealed off first. */
  static reopen(path: string, options: SessionLogWriterOptions = {}): SessionLogWriter {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDWR | constants.O_APPEND | constants.O_NOFOLLOW);
    } catch (error) {
      throw writeFailure(path, 'cannot reopen session log', error);
    }
    const writer = new SessionLogWriter(path, fd, options);
    try {
      if (!endsWithNewline(fd)) writer.#writeAll(Buffer.from('\n'));
    } catch (error) {
      writer.#fail(writeFailure(path, 'cannot write session log', error));
      throw writer.#failure;
    }
    return writer;
  }

  get broken(): boolean {
    return this.#failure !== null;
  }

  /** The error that broke the writer, if any. */
  get failure(): TroupeError | null {
    return this.#failure;
  }

  get recordsWritten(): number {
    return this.#records;
  }

  /** Writes one record as one line. Throws LOG_WRITE_FAILED (and stays broken) on any failure. */
  append(record: LogRecord): void {
    this.queue(record);
    this.flush();
  }

  /**
   * Serializes one record into the pending batch, written by the next flush() (or append/close):
   * a session writes once per batch of events instead of once per event. Throws when the record
   * cannot be serialized (and stays broken); nothing of it is queued then.
   */
  queue(record: LogRecord): void {
    this.#assertOpen();
    try {
      this.#pending.push(`${JSON.stringify(record)}\n`);
    } catch (error) {
      this.#fail(troupeError('LOG_WRITE_FAILED', `cannot write session log ${this.path}: a ${record.type} record cannot be serialized (${describeOsError(error)})`, { path: this.path }));
      throw this.#failure;
    }
  }

  /** Records queued and not yet written. */
  get pending(): number {
    return this.#pending.length;
  }

  /** Writes every queued record, in one write. Throws LOG_WRITE_FAILED (and stays broken) on any failure. */
  flush(): void {
    this.#assertOpen();
    const lines = this.#pending;
    if (lines.length === 0) return;
    this.#pending = [];
    const text = lines.length === 1 ? lines[0]! : lines.join('');
    try {
      const written = writeSync(this.#fd as number, text);
      if (written !== Buffer.byteLength(text)) this.#writeAll(Buffer.from(text).subarray(written));
    } catch (error) {
      this.#fail(writeFailure(this.path, 'cannot write session log', error));
      throw this.#failure;
    }
    this.#records += lines.length;
    this.#checkStillThere();
  }

  #assertOpen(): void {
    if (this.#failure) throw this.#failure;
    if (this.#fd === null) {
      throw troupeError('LOG_WRITE_FAILED', `cannot write session log ${this.path}: it is already closed`, { path: this.path });
    }
  }

  /**
   * Writes the footer and closes the file. Safe to call twice. A writer broken earlier just
   * closes (its failure was already reported); a failure here throws LOG_WRITE_FAILED.
   */
  close(footer?: LogFooter): void {
    const fd = this.#fd;
    if (fd === null) return;
    const wasBroken = this.#failure !== null;
    try {
      if (!this.#failure) {
        if (footer) this.queue(footer);
        this.flush();
        if (footer) syncQuietly(fd);
      }
    } finally {
      this.#fd = null;
      try {
        closeSync(fd);
      } catch (error) {
        // A failed close can mean lost data (e.g. EIO on a network file system).
        if (!this.#failure) this.#fail(writeFailure(this.path, 'cannot close session log', error));
      }
    }
    if (!wasBroken && this.#failure) throw this.#failure;
  }

  #writeAll(buffer: Buffer): void {
    let offset = 0;
    while (offset < buffer.length) {
      offset += writeSync(this.#fd as number, buffer, offset, buffer.length - offset);
    }
  }

  #checkStillThere(): void {
    const now = this.#now();
    if (now - this.#lastCheck < this.#checkIntervalMs) return;
    this.#lastCheck = now;
    let links: number;
    try {
      links = fstatSync(this.#fd as number).nlink;
    } catch (error) {
      this.#fail(writeFailure(this.path, 'cannot check session log', error));
      throw this.#failure;
    }
    if (links === 0) {
      this.#fail(
        troupeError('LOG_WRITE_FAILED', `session log ${this.path} was deleted (its folder removed?): records written since then are lost`, { path: this.path, code: 'ENOENT' }),
      );
      throw this.#failure;
    }
  }

  #fail(error: TroupeError): void {
    this.#failure = error;
  }
}

function writeFailure(path: string, what: string, error: unknown): TroupeError {
  if (isTroupeError(error, 'UNSAFE_PATH')) {
    return troupeError('LOG_WRITE_FAILED', `${what} ${path}: ${error.message}; session logs are written only inside the project`, {
      path,
      code: error.code,
    });
  }
  return troupeError('LOG_WRITE_FAILED', `${what} ${path}: ${describeOsError(error)}`, {
    path,
    code: osErrorCode(error),
  });
}

function endsWithNewline(fd: number): boolean {
  const stat = fstatSync(fd);
  if (!stat.isFile() || stat.size === 0) return true;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, stat.size - 1);
  return last[0] === NEWLINE;
}

/** Makes the finished log durable; devices and some file systems do not support it, which is fine. */
function syncQuietly(fd: number): void {
  try {
    fdatasyncSync(fd);
  } catch {
    // EINVAL/ENOTSUP on special files: nothing to make durable.
  }
}
