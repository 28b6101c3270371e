/** Merges runs of streamed text deltas, so a browser gets one chunk per run instead of hundreds. */
import type { SequencedChunk } from '../protocol/chunks.js';

/**
 * Consecutive `text` deltas of the same turn become one delta carrying the last `seq` and `at`
 * (the browser skips chunks whose seq it already has, so history and live stream can overlap).
 */
export function coalesceChunks(chunks: readonly SequencedChunk[]): SequencedChunk[] {
  const out: SequencedChunk[] = [];
  for (const chunk of chunks) {
    const last = out[out.length - 1];
    if (
      last !== undefined &&
      last.kind === 'text' &&
      chunk.kind === 'text' &&
      last.delta &&
      chunk.delta &&
      last.turn === chunk.turn
    ) {
      out[out.length - 1] = { ...last, text: last.text + chunk.text, seq: chunk.seq, at: chunk.at };
      continue;
    }
    out.push(chunk);
  }
  return out;
}
