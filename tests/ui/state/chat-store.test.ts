import { describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import type { SequencedChunk } from '../../../src/protocol/chunks.js';
import { ChatStore } from '../../../src/ui/state/chat-store.js';
import { coalesceChunks } from '../../../src/server/coalesce-chunks.js';

let seq = 0;
const text = (t: string, turn = 1): SequencedChunk => ({ kind: 'text', text: t, delta: true, seq: ++seq, turn, at: seq });
const chunk = (c: Record<string, unknown>, turn = 1): SequencedChunk => ({ ...c, seq: ++seq, turn, at: seq }) as SequencedChunk;

function settled(store: ChatStore, predicate: (s: ChatStore['state$']['value']) => boolean) {
  return firstValueFrom(store.state$.pipe(filter(predicate)));
}

describe('ChatStore', () => {
  it('merges history and the live stream by seq, in order, without duplicates', async () => {
    seq = 0;
    const store = new ChatStore('s1');
    const a = text('Hello ');
    const b = text('world');
    const tool = chunk({ kind: 'tool_use', toolId: 't1', name: 'Bash', input: { command: 'ls' } });
    const result = chunk({ kind: 'tool_result', toolId: 't1', output: 'a.txt', isError: false });
    const c = text('Done.');
    const done = chunk({ kind: 'done', ok: true, durationMs: 1200 });
    // The live stream starts before the history page arrives, and they overlap.
    store.addChunks([c, done]);
    store.applyHistory(
      {
        sessionId: 's1',
        entries: [
          { k: 'chunk', chunk: c },
          { k: 'chunk', chunk: result },
          { k: 'chunk', chunk: tool },
          { k: 'chunk', chunk: b },
          { k: 'chunk', chunk: a },
          { k: 'user', text: 'You are the specialist... Fix it.', turn: 1, at: 0, generated: true, own: 'Fix it.' },
        ],
      },
      false,
    );
    const state = await settled(store, (s) => s.loaded && s.items.length > 0);
    expect(state.items.map((i) => i.kind)).toEqual(['user', 'text', 'tool', 'text', 'done']);
    const [user, first, toolItem] = state.items;
    expect(user).toMatchObject({ kind: 'user', generated: true, own: 'Fix it.' });
    expect(first).toMatchObject({ kind: 'text', text: 'Hello world' });
    expect(toolItem).toMatchObject({ kind: 'tool', name: 'Bash', result: { output: 'a.txt', isError: false } });
    expect(state.hasOlder).toBe(false);
  });

  it('puts a message sent live before the reply of its turn, and lets the log replace it', async () => {
    seq = 100;
    const store = new ChatStore('s2');
    store.addChunks([text('first answer', 1), chunk({ kind: 'done', ok: true }, 1)]);
    store.addLiveUser('and now?', 5);
    store.addChunks([text('second answer', 2)]);
    let state = await settled(store, (s) => s.items.length === 4);
    expect(state.items.map((i) => (i.kind === 'user' ? `user:${i.text}` : i.kind))).toEqual(['text', 'done', 'user:and now?', 'text']);
    store.applyHistory({ sessionId: 's2', entries: [{ k: 'user', text: 'and now?', turn: 2, at: 6 }] }, false);
    state = await settled(store, (s) => s.loaded);
    expect(state.items.filter((i) => i.kind === 'user')).toHaveLength(1);
  });

  it.each([
    ['the live run first, then the history page', true],
    ['the history page first, then the live run', false],
  ])('a merged live run of text deltas that overlaps the history shows each delta once: %s', async (_name, liveFirst) => {
    seq = 200;
    const store = new ChatStore('s3');
    const deltas = ['The ', 'quick ', 'brown ', 'fox'].map((t) => text(t));
    // The server merged the run live (seqFrom..seq); the log holds the same deltas one by one.
    const merged = coalesceChunks(deltas);
    expect(merged).toHaveLength(1);
    const history = (upTo: number) => ({
      sessionId: 's3',
      entries: deltas.slice(0, upTo).reverse().map((chunk) => ({ k: 'chunk' as const, chunk })),
    });
    if (liveFirst) {
      store.addChunks(merged);
      store.applyHistory(history(3), false);
    } else {
      store.applyHistory(history(3), false);
      store.addChunks(merged);
    }
    const state = await settled(store, (s) => s.loaded && s.items.length > 0);
    expect(state.items.filter((i) => i.kind === 'text').map((i) => (i.kind === 'text' ? i.text : ''))).toEqual(['The quick brown fox']);
  });

  it('carries the mark of a record the history cut short onto its item, and none onto whole ones', async () => {
    seq = 0;
    const store = new ChatStore('s1');
    const tool = chunk({ kind: 'tool_use', toolId: 't1', name: 'Bash', input: { command: 'cat big.log' } });
    const result = chunk({ kind: 'tool_result', toolId: 't1', output: 'ooo…', isError: false });
    const words = text('whole');
    store.applyHistory(
      {
        sessionId: 's1',
        entries: [
          { k: 'chunk', chunk: words },
          { k: 'chunk', chunk: result, truncated: { bytes: 8_000_123 } },
          { k: 'chunk', chunk: tool },
          { k: 'user', text: 'go…', turn: 1, at: 0, truncated: { bytes: 200_000 } },
        ],
      },
      false,
    );
    const state = await settled(store, (s) => s.loaded && s.items.length > 0);
    expect(state.items.map((i) => [i.kind, i.truncated?.bytes])).toEqual([
      ['user', 200_000],
      ['tool', 8_000_123],
      ['text', undefined],
    ]);
  });
});
