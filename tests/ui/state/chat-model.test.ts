import { describe, expect, it } from 'vitest';
import type { AgentChunk, SequencedChunk } from '../../../src/protocol/chunks.js';
import { buildItems, type ChatEntry } from '../../../src/ui/state/chat-model.js';

let seq = 0;
function entry(chunk: AgentChunk): ChatEntry {
  seq += 1;
  return { k: 'chunk', chunk: { ...chunk, seq, turn: 1, at: seq } as SequencedChunk };
}

describe('buildItems', () => {
  it('joins streamed deltas into one text item', () => {
    const items = buildItems([entry({ kind: 'text', text: 'Hello ', delta: true }), entry({ kind: 'text', text: 'world', delta: true })]);
    expect(items).toMatchObject([{ kind: 'text', text: 'Hello world' }]);
  });

  it('drops text the agent declared void after a broken stream, and shows what replaced it', () => {
    const items = buildItems([
      entry({ kind: 'text', text: 'Kept. ', delta: false }),
      entry({ kind: 'text', text: 'Hello ', delta: true }),
      entry({ kind: 'text', text: 'fro', delta: true }),
      entry({ kind: 'notice', level: 'warning', code: 'text_abandoned', message: 'stream broke off', discardText: 'Hello fro' }),
      entry({ kind: 'text', text: 'Recovered.', delta: false }),
    ]);
    const texts = items.filter((item) => item.kind === 'text').map((item) => (item.kind === 'text' ? item.text : ''));
    expect(texts).toEqual(['Kept. ', 'Recovered.']);
    expect(items.some((item) => item.kind === 'notice')).toBe(true);
  });

  it('cuts only the void tail of a text item that also holds good text', () => {
    const items = buildItems([
      entry({ kind: 'text', text: 'Good start, ', delta: true }),
      entry({ kind: 'text', text: 'then lost', delta: true }),
      entry({ kind: 'notice', level: 'warning', code: 'text_abandoned', message: 'x', discardText: 'then lost' }),
    ]);
    expect(items[0]).toMatchObject({ kind: 'text', text: 'Good start, ' });
  });
});
