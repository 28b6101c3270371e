/** One page of a session's history, read from the end: the last N records first. */
import { open } from 'node:fs/promises';
import { troupeError } from '../errors/troupe-error.js';
import { describeOsError } from './os-reason.js';
import { readLinesBackward, type BackwardLine } from './lines-backward.js';
import { DEFAULT_BLOCK_SIZE } from './lines-forward.js';
import { parseLogLine } from './parse-line.js';
import { recordTime, type LogRecord } from './records.js';
import { shrinkRecord, type TruncationMark } from './shrink-record.js';

export interface LogPageOptions {
  /** Most records to return. */
  limit: number;
  /** Cursor: a byte offset from a previous page's `nextBefore`; records before it are read. */
  before?: number;
  blockSize?: number;
  /**
   * Most bytes of records in the page (a cut record counts at its cut size); the page ends before
   * the record that would pass it. The first record always comes, so paging moves on.
   */
  maxBytes?: number;
  /** A record whose line is longer is cut to at most this many bytes (its longest strings shortened) and marked. */
  maxRecordBytes?: number;
  /** A line longer than this is not read into memory: a `log-error` record with its size stands in for it. */
  maxLineBytes?: number;
  /** The page ends once this many bytes of lines were read, which bounds the work one page costs. */
  maxScanBytes?: number;
}

export interface LogPage {
  /** Newest first. */
  records: LogRecord[];
  /** Pass as `before` for the page of older records; null when the start of the log was reached. */
  nextBefore: number | null;
  /** Lines that were not records (a torn last line, damage) and were passed over. */
  skipped: number;
  /** Records that were cut or stood in for, by their index in `records`. */
  truncated: Map<number, TruncationMark>;
}

interface Paged {
  record: LogRecord;
  bytes: number;
  mark?: TruncationMark;
}

/** A line that stands for one record of the page, cut to the budget; null for a line that is no record. */
function pageRecord(line: BackwardLine, options: LogPageOptions, newer: LogRecord | undefined): Paged | null {
  const bytes = line.next - line.offset;
  const size = line.terminated ? bytes - 1 : bytes;
  const standIn = (why: string): Paged => {
    // Its own seq is unknown (it was not read): it stands just before the record after it.
    const seq = newer && 'seq' in newer ? newer.seq - 0.5 : 0;
    const record: LogRecord = { type: 'log-error', message: `a record of ${size} bytes ${why}`, seq, at: newer ? recordTime(newer) : 0 };
    return { record, bytes: Buffer.byteLength(JSON.stringify(record)), mark: { bytes: size } };
  };
  if (line.tooLong) return standIn(`is too large to read here (limit ${options.maxLineBytes} bytes)`);
  const record = parseLogLine(line.text);
  if (!record) return null;
  const cap = options.maxRecordBytes;
  if (cap === undefined || size <= cap) return { record, bytes };
  const cut = shrinkRecord(record, cap, size);
  if (!cut) return standIn('cannot be cut short enough to show');
  return { record: cut.value, bytes: cut.bytes, mark: { bytes: size } };
}

export async function readLogPage(path: string, options: LogPageOptions): Promise<LogPage> {
  const { limit } = options;
  if (!Number.isInteger(limit) || limit < 1) {
    throw troupeError('INVALID_ARGUMENT', `Invalid page size ${String(limit)}: expected a whole number of at least 1.`);
  }
  if (options.before !== undefined && (!Number.isInteger(options.before) || options.before < 0)) {
    throw troupeError('INVALID_ARGUMENT', `Invalid cursor ${String(options.before)}: expected a byte offset from a previous page.`);
  }
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const maxScanBytes = options.maxScanBytes ?? Number.POSITIVE_INFINITY;
  const handle = await openLog(path);
  try {
    const size = (await handle.stat()).size;
    const end = Math.min(options.before ?? size, size);
    const records: LogRecord[] = [];
    const truncated = new Map<number, TruncationMark>();
    let skipped = 0;
    let oldest = end;
    let bytes = 0;
    let scanned = 0;
    let more = false;
    const lines = readLinesBackward(handle, end, options.blockSize ?? DEFAULT_BLOCK_SIZE, size, options.maxLineBytes);
    for await (const line of lines) {
      const newer = records[records.length - 1];
      const paged = pageRecord(line, options, newer);
      if (paged && records.length > 0 && bytes + paged.bytes > maxBytes) {
        // Left for the next page, which starts after it.
        more = true;
        break;
      }
      oldest = line.offset;
      scanned += line.next - line.offset;
      if (paged) {
        if (paged.mark) truncated.set(records.length, paged.mark);
        records.push(paged.record);
        bytes += paged.bytes;
      } else skipped += 1;
      if (records.length >= limit || (records.length > 0 && scanned >= maxScanBytes)) {
        more = true;
        break;
      }
    }
    const nextBefore = more && oldest > 0 ? oldest : null;
    return { records, nextBefore, skipped, truncated };
  } finally {
    await handle.close();
  }
}

export async function openLog(path: string) {
  try {
    return await open(path, 'r');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw troupeError('LOG_NOT_FOUND', `No session log at ${path}.`);
    throw troupeError('LOG_NOT_FOUND', `Cannot read session log ${path}: ${describeOsError(error)}`);
  }
}
