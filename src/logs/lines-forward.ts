/**
 * Reads a log's lines from a byte offset onwards, a block at a time, so memory stays at one block
 * plus the longest line. Lines are split on the newline byte, which never occurs inside a UTF-8
 * sequence, and each line is decoded whole.
 */
import { open } from 'node:fs/promises';

export interface LogLine {
  text: string;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** Byte offset just after the line and its newline. */
  next: number;
  /** False for a last line with no newline after it (a write torn by a crash, or still in progress). */
  terminated: boolean;
}

export interface ReadLinesOptions {
  start?: number;
  /** Stop at this byte offset (default: the size when reading starts). */
  end?: number;
  blockSize?: number;
}

export const DEFAULT_BLOCK_SIZE = 64 * 1024;
const NEWLINE = 0x0a;

export async function* readLinesForward(path: string, options: ReadLinesOptions = {}): AsyncGenerator<LogLine> {
  const handle = await open(path, 'r');
  try {
    const end = options.end ?? (await handle.stat()).size;
    const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
    const block = Buffer.allocUnsafe(blockSize);
    let position = options.start ?? 0;
    let pending: Buffer[] = [];
    let pendingStart = position;
    while (position < end) {
      const { bytesRead } = await handle.read(block, 0, Math.min(blockSize, end - position), position);
      if (bytesRead === 0) break;
      let from = 0;
      let newline = block.indexOf(NEWLINE, from);
      while (newline !== -1 && newline < bytesRead) {
        const text =
          pending.length === 0
            ? block.toString('utf8', from, newline)
            : Buffer.concat([...pending, block.subarray(from, newline)]).toString('utf8');
        yield { text, offset: pendingStart, next: position + newline + 1, terminated: true };
        pending = [];
        from = newline + 1;
        pendingStart = position + from;
        newline = block.indexOf(NEWLINE, from);
      }
      // The block is reused, so the unfinished line's bytes are copied out.
      if (from < bytesRead) pending.push(Buffer.from(block.subarray(from, bytesRead)));
      position += bytesRead;
    }
    if (pending.length > 0) {
      yield { text: Buffer.concat(pending).toString('utf8'), offset: pendingStart, next: position, terminated: false };
    }
  } finally {
    await handle.close();
  }
}
