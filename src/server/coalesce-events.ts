/** Merges runs of streamed text deltas, so a browser gets one event per run instead of hundreds. */
import type { EventOf, SessionEvent } from '../protocol/session-events.js';

type ChunkEvent = EventOf<'chunk'>;

function isTextDelta(event: SessionEvent): event is ChunkEvent {
  return event.type === 'chunk' && event.chunk.kind === 'text' && event.chunk.delta;
}

/**
 * Consecutive text-delta events of one turn (seqs without a gap) become one delta carrying the last
 * `seq` and `at` and the run's first seq as `seqFrom`: history holds the same deltas one by one,
 * and the browser must know which of them the merged run already contains.
 */
export function coalesceEvents(events: readonly SessionEvent[]): SessionEvent[] {
  const out: SessionEvent[] = [];
  for (const event of events) {
    const last = out[out.length - 1];
    if (last !== undefined && isTextDelta(last) && isTextDelta(event) && last.turn === event.turn && event.seq === last.seq + 1) {
      const text = (last.chunk as { text: string }).text + (event.chunk as { text: string }).text;
      out[out.length - 1] = { ...last, chunk: { kind: 'text', text, delta: true }, seq: event.seq, at: event.at, seqFrom: last.seqFrom ?? last.seq };
      continue;
    }
    out.push(event);
  }
  return out;
}
