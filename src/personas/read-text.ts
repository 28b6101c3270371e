/** Read a small text file that may be absent, asynchronously (the supervisor's thread must not block). */
import { open } from 'node:fs/promises';
import { isTroupeError, troupeError } from '../errors/troupe-error.js';

const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/** The file's text (without a BOM), or undefined when there is no such file. */
export async function readOptionalText(path: string, maxBytes: number): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
    const stats = await handle.stat();
    if (!stats.isFile()) return undefined;
    if (stats.size > maxBytes) {
      throw troupeError('INVALID_PERSONA', `${path} is ${stats.size} bytes; the limit is ${maxBytes}`);
    }
    const text = await handle.readFile('utf8');
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch (error) {
    if (isTroupeError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && ABSENT.has(code)) return undefined;
    if (code !== undefined) throw troupeError('INVALID_PERSONA', `cannot read ${path}: ${code}`);
    throw error;
  } finally {
    await handle?.close();
  }
}
