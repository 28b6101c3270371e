/** One page of a session's history, read from the end: the last N records first. */
import { open } from 'node:fs/promises';
import { troupeError } from '../errors/troupe-error.js';
import { describeOsError } from './os-reason.js';
import { readLinesBackward } from './lines-backward.js';
import { DEFAULT_BLOCK_SIZE } from './lines-forward.js';
import { parseLogLine } from './parse-line.js';
import type { LogRecord } from './records.js';

export interface LogPageOptions {
  /** Most records to return. */
  limit: number;
  /** Cursor: a byte offset from a previous page's `nextBefore`; records before it are read. */
  before?: number;
  blockSize?: number;
}

export interface LogPage {
  /** Newest first. */
  records: LogRecord[];
  /** Pass as `before` for the page of older records; null when the start of the log was reached. */
  nextBefore: number | null;
  /** Lines that were not records (a torn last line, damage) and were passed over. */
  skipped: number;
}

export async function readLogPage(path: string, options: LogPageOptions): Promise<LogPage> {
  const { limit } = options;
  if (!Number.isInteger(limit) || limit < 1) {
    throw troupeError('INVALID_ARGUMENT', `Invalid page size ${String(limit)}: expected a whole number of at least 1.`);
  }
  if (options.before !== undefined && (!Number.isInteger(options.before) || options.before < 0)) {
    throw troupeError('INVALID_ARGUMENT', `Invalid cursor ${String(options.before)}: expected a byte offset from a previous page.`);
  }
  const handle = await openLog(path);
  try {
    const size = (await handle.stat()).size;
    const end = Math.min(options.before ?? size, size);
    const records: LogRecord[] = [];
    let skipped = 0;
    let oldest = end;
    for await (const line of readLinesBackward(handle, end, options.blockSize ?? DEFAULT_BLOCK_SIZE, size)) {
      oldest = line.offset;
      const record = parseLogLine(line.text);
      if (record) records.push(record);
      else skipped += 1;
      if (records.length >= limit) break;
    }
    const nextBefore = records.length >= limit && oldest > 0 ? oldest : null;
    return { records, nextBefore, skipped };
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
