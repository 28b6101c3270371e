/** Reads a file whole and says whether it changed while being read (bd rewrites it whole). */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';

export interface FileRead {
  text: string;
  /** Same inode, size and mtime before and after the read. */
  unchanged: boolean;
  /** A digest of the bytes, to skip re-emitting identical content. */
  signature: string;
}

export async function readFileStable(path: string): Promise<FileRead> {
  const handle = await open(path, 'r');
  try {
    const before = await handle.stat();
    const bytes = await handle.readFile();
    // By path, not by handle: an atomic rename while reading shows up as a new inode.
    const after = await stat(path).catch(() => null);
    const unchanged =
      after !== null &&
      after.ino === before.ino &&
      after.size === before.size &&
      after.mtimeMs === before.mtimeMs &&
      bytes.length === before.size;
    return {
      text: bytes.toString('utf8'),
      unchanged,
      signature: createHash('sha1').update(bytes).digest('hex'),
    };
  } finally {
    await handle.close();
  }
}
