/**
 * The supervisor's own writes to a session log, for the events it decides while no worker runs the
 * session (its worker died). Async (main thread), one append per line; never creates a log: a
 * session whose worker never wrote one has nothing to continue.
 */
import { open } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { LogRecord } from '../logs/records.js';

/** Appends the lines; false when the session has no log file. Throws on any other failure. */
export async function appendToSessionLog(path: string, records: readonly LogRecord[]): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_APPEND);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    // A line torn by the thread that died is sealed off first, so ours start on a line of their own.
    await handle.appendFile((await endsWithNewline(handle)) ? text : `\n${text}`);
    return true;
  } finally {
    await handle.close();
  }
}

async function endsWithNewline(handle: import('node:fs/promises').FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
