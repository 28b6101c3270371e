/** The first record of a log, read without reading the rest. */
import { troupeError } from '../errors/troupe-error.js';
import { readLinesForward } from './lines-forward.js';
import { parseLogLine } from './parse-line.js';
import { openLog } from './read-page.js';
import type { LogHeader } from './records.js';

export async function readLogHeader(path: string): Promise<LogHeader> {
  await (await openLog(path)).close(); // a clear LOG_NOT_FOUND first
  for await (const line of readLinesForward(path)) {
    const record = parseLogLine(line.text);
    if (record?.type === 'header') return record;
    break;
  }
  throw troupeError('LOG_CORRUPT', `Session log ${path} does not start with a header record.`);
}
