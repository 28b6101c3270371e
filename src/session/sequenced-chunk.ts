import type { SequencedChunk } from '../protocol/chunks.js';
import type { EventOf } from '../protocol/session-events.js';

/** A chunk event as the flat chunk its consumers read (the CLI printer, stress ledgers). */
export function toSequencedChunk(event: EventOf<'chunk'>): SequencedChunk {
  const chunk = { ...event.chunk, seq: event.seq, turn: event.turn, at: event.at } as SequencedChunk;
  if (event.emittedAt !== undefined) chunk.emittedAt = event.emittedAt;
  return chunk;
}
