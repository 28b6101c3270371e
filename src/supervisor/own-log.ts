/**
 * The supervisor's own writes to a session log, for the events it decides while no worker runs the
 * session (its worker died). Async (main thread), one append per call. It never creates a log: the
 * folders on the way are the worker's to check; a session whose worker never wrote its log keeps
 * these events for the next worker, which writes them after the header.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { LogRecord } from '../logs/records.js';

/** Appends the lines; false when the session has no log yet. Throws on any other failure. */
export async function appendToSessionLog(path: string, records: readonly LogRecord[]): Promise<boolean> {
  let handle: FileHandle;
  try {
    // O_NOFOLLOW: the log itself is never a link (the worker made it a plain file).
    handle = await open(path, constants.O_RDWR | constants.O_APPEND | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const lines = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    // A line torn by the thread that died is sealed off first, so ours start on a line of their own.
    await handle.appendFile((await endsWithNewline(handle)) ? lines : `\n${lines}`);
    return true;
  } finally {
    await handle.close();
  }
}

async function endsWithNewline(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return true;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] === 0x0a;
}
