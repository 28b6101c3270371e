/**
 * The supervisor's own writes to a session log, for the events it decides while no worker runs the
 * session (its worker died, or never came up). Async (main thread), one append per call. A session
 * whose worker never wrote its log gets the log here, header first, so what is live is also logged.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname } from 'node:path';
import type { LogHeader, LogRecord } from '../logs/records.js';

export async function appendToSessionLog(path: string, records: readonly LogRecord[], header: () => LogHeader): Promise<void> {
  let handle: FileHandle;
  let created = false;
  try {
    handle = await open(path, constants.O_RDWR | constants.O_APPEND);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    handle = await open(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL, 0o600);
    created = true;
  }
  try {
    const lines = (created ? [header(), ...records] : records).map((record) => `${JSON.stringify(record)}\n`).join('');
    // A line torn by the thread that died is sealed off first, so ours start on a line of their own.
    await handle.appendFile(created || (await endsWithNewline(handle)) ? lines : `\n${lines}`);
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
