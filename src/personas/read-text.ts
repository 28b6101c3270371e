/**
 * Read a small text file that may be absent, asynchronously (the supervisor's thread must not block).
 * A project's persona files are data from a repository: regular files inside the project only,
 * never a symlink (which could pull ~/.ssh into a prompt), a FIFO (which would block) or a folder.
 */
import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { isTroupeError, troupeError } from '../errors/troupe-error.js';
import { isWithin } from '../logs/paths.js';

const ABSENT = new Set(['ENOENT', 'ENOTDIR']);
// O_NOFOLLOW: the file itself is never a symlink, checked by the open that reads it (no race).
// O_NONBLOCK: opening a FIFO returns at once, so fstat can refuse it.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

function refuse(path: string, why: string): Error {
  return troupeError('INVALID_PERSONA', `${path} ${why}; persona files must be regular files inside the project`);
}

/**
 * The file's text (without a BOM), or undefined when there is no such file. With `projectRoot`, the
 * file must also resolve inside that folder (a symlinked `.bp6` or persona folder leading out is refused).
 */
export async function readOptionalText(path: string, maxBytes: number, projectRoot?: string): Promise<string | undefined> {
  let handle: FileHandle | undefined;
  try {
    try {
      handle = await open(path, OPEN_FLAGS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== undefined && ABSENT.has(code)) return undefined;
      if (code === 'ELOOP') throw refuse(path, 'is a symbolic link');
      throw error;
    }
    const stats = await handle.stat();
    if (!stats.isFile()) throw refuse(path, 'is not a regular file');
    if (projectRoot !== undefined) {
      const real = await realpath(path);
      if (!isWithin(await realpath(projectRoot), real)) throw refuse(path, `leads to ${real}, outside the project`);
    }
    if (stats.size > maxBytes) {
      throw troupeError('INVALID_PERSONA', `${path} is ${stats.size} bytes; the limit is ${maxBytes}`);
    }
    const text = await readAtMost(handle, maxBytes, path);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch (error) {
    if (isTroupeError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined) throw troupeError('INVALID_PERSONA', `cannot read ${path}: ${code}`);
    throw error;
  } finally {
    await handle?.close();
  }
}

/** The size was checked, but a file may grow while it is read: never take more than the limit. */
async function readAtMost(handle: FileHandle, maxBytes: number, path: string): Promise<string> {
  const buffer = Buffer.alloc(maxBytes + 1);
  let length = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length > maxBytes) throw troupeError('INVALID_PERSONA', `${path} grew past the limit of ${maxBytes} bytes while read`);
  }
  return buffer.toString('utf8', 0, length);
}
