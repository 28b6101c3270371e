/** Merges runs of streamed text deltas, so a browser gets one chunk per run instead of hundreds. */
import type { SequencedChunk } from '../protocol/chunks.js';

/**
 * Consecutive `text` deltas of the same turn become one delta carrying the last `seq` and `at`,
 * and the run's first seq as `seqFrom`: history holds the same deltas one by one, and the browser
 * must know which of them the merged run already contains.
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
      out[out.length - 1] = { ...last, text: last.text + chunk.text, seq: chunk.seq, at: chunk.at, seqFrom: last.seqFrom ?? last.seq };
      continue;
    }
    out.push(chunk);
  }
  return out;
}
