/**
 * Reads a log's lines from the end backwards, a block at a time: the newest lines come first and
 * a large log is never loaded whole. A line longer than a block is gathered across blocks.
 */
import type { FileHandle } from 'node:fs/promises';
import { DEFAULT_BLOCK_SIZE, type LogLine } from './lines-forward.js';

const NEWLINE = 0x0a;

/**
 * Lines ending before byte `end`, newest first. `end` is the file size or the start offset of a
 * line. Only the last line of the file can be unterminated.
 */
export async function* readLinesBackward(
  handle: FileHandle,
  end: number,
  blockSize: number = DEFAULT_BLOCK_SIZE,
  fileSize: number = end,
): AsyncGenerator<LogLine> {
  let position = end;
  // Bytes of the line being gathered (the end of a line whose start is in an earlier block).
  let tail: Buffer[] = [];
  let lineEnd = end;
  let terminated = end < fileSize;
  while (position > 0) {
    const start = Math.max(0, position - blockSize);
    const block = Buffer.allocUnsafe(position - start);
    const { bytesRead } = await handle.read(block, 0, block.length, start);
    if (bytesRead !== block.length) throw new Error(`log shrank while reading at byte ${start}`);
    let segmentEnd = block.length;
    let newline = block.lastIndexOf(NEWLINE, segmentEnd - 1);
    while (newline !== -1) {
      const lineStart = start + newline + 1;
      if (lineStart < lineEnd || tail.length > 0) {
        const bytes = tail.length === 0 ? block.subarray(newline + 1, segmentEnd) : Buffer.concat([block.subarray(newline + 1, segmentEnd), ...tail]);
        yield { text: bytes.toString('utf8'), offset: lineStart, next: terminated ? lineEnd + 1 : lineEnd, terminated };
      }
      tail = [];
      terminated = true;
      lineEnd = start + newline;
      segmentEnd = newline;
      newline = segmentEnd > 0 ? block.lastIndexOf(NEWLINE, segmentEnd - 1) : -1;
    }
    if (segmentEnd > 0) tail.unshift(block.subarray(0, segmentEnd));
    position = start;
  }
  if (tail.length > 0) {
    yield { text: Buffer.concat(tail).toString('utf8'), offset: 0, next: terminated ? lineEnd + 1 : lineEnd, terminated };
  }
}
