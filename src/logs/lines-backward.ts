/**
 * Reads a log's lines from the end backwards, a block at a time: the newest lines come first and
 * a large log is never loaded whole. A line longer than a block is gathered across blocks, up to
 * `maxLineBytes`: a longer one is passed over without keeping its bytes.
 */
import type { FileHandle } from 'node:fs/promises';
import { DEFAULT_BLOCK_SIZE, type LogLine } from './lines-forward.js';

const NEWLINE = 0x0a;

/** A line read backwards; `tooLong` lines come with an empty `text` (their bytes were not kept). */
export interface BackwardLine extends LogLine {
  tooLong?: true;
}

/**
 * Lines ending before byte `end`, newest first. `end` is the file size or the start offset of a
 * line. Only the last line of the file can be unterminated.
 */
export async function* readLinesBackward(
  handle: FileHandle,
  end: number,
  blockSize: number = DEFAULT_BLOCK_SIZE,
  fileSize: number = end,
  maxLineBytes: number = Number.POSITIVE_INFINITY,
): AsyncGenerator<BackwardLine> {
  let position = end;
  // Bytes of the line being gathered (the end of a line whose start is in an earlier block).
  let tail: Buffer[] = [];
  let lineEnd = end;
  let terminated = end < fileSize;
  const line = (head: Buffer, lineStart: number): BackwardLine => {
    const next = terminated ? lineEnd + 1 : lineEnd;
    if (lineEnd - lineStart > maxLineBytes) return { text: '', offset: lineStart, next, terminated, tooLong: true };
    const bytes = tail.length === 0 ? head : Buffer.concat([head, ...tail]);
    return { text: bytes.toString('utf8'), offset: lineStart, next, terminated };
  };
  while (position > 0) {
    const start = Math.max(0, position - blockSize);
    const block = Buffer.allocUnsafe(position - start);
    const { bytesRead } = await handle.read(block, 0, block.length, start);
    if (bytesRead !== block.length) throw new Error(`log shrank while reading at byte ${start}`);
    let segmentEnd = block.length;
    let newline = block.lastIndexOf(NEWLINE, segmentEnd - 1);
    while (newline !== -1) {
      const lineStart = start + newline + 1;
      if (lineStart < lineEnd) yield line(block.subarray(newline + 1, segmentEnd), lineStart);
      tail = [];
      terminated = true;
      lineEnd = start + newline;
      segmentEnd = newline;
      newline = segmentEnd > 0 ? block.lastIndexOf(NEWLINE, segmentEnd - 1) : -1;
    }
    // Past the cap the line's bytes are dropped: only its length (lineEnd - its start) matters then.
    if (segmentEnd > 0 && lineEnd - start <= maxLineBytes) tail.unshift(block.subarray(0, segmentEnd));
    else if (segmentEnd > 0) tail = [];
    position = start;
  }
  if (lineEnd > 0) yield line(Buffer.alloc(0), 0);
}
