import { describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import type { AgentChunk } from '../../../src/protocol/chunks.js';
import type { SessionEvent, SessionEventBody } from '../../../src/protocol/session-events.js';
import { ChatStore } from '../../../src/ui/state/chat-store.js';
import { coalesceEvents } from '../../../src/server/coalesce-events.js';

let seq = 0;
const ev = (body: SessionEventBody): SessionEvent => ({ ...body, seq: ++seq, at: seq }) as SessionEvent;
const text = (t: string, turn = 1) => ev({ type: 'chunk', turn, chunk: { kind: 'text', text: t, delta: true } });
const chunk = (c: AgentChunk, turn = 1) => ev({ type: 'chunk', turn, chunk: c });

function settled(store: ChatStore, predicate: (s: ChatStore['state$']['value']) => boolean) {
  return firstValueFrom(store.state$.pipe(filter(predicate)));
}

describe('ChatStore', () => {
  it('merges history and the live stream by seq, in order, without duplicates', async () => {
    seq = 0;
    const store = new ChatStore('s1');
    const user = ev({ type: 'user', turn: 1, text: 'You are the specialist... Fix it.', source: 'template', own: 'Fix it.' });
    const a = text('Hello ');
    const b = text('world');
    const tool = chunk({ kind: 'tool_use', toolId: 't1', name: 'Bash', input: { command: 'ls' } });
    const result = chunk({ kind: 'tool_result', toolId: 't1', output: 'a.txt', isError: false });
    const c = text('Done.');
    const done = ev({ type: 'turn-done', turn: 1 });
    // The live stream starts before the history page arrives, and they overlap.
    store.addEvents([c, done]);
    store.applyHistory({ sessionId: 's1', events: [c, result, tool, b, a, user] }, false);
    const state = await settled(store, (s) => s.loaded && s.items.length > 0);
    expect(state.items.map((i) => i.kind)).toEqual(['user', 'text', 'tool', 'text', 'turn-end']);
    const [first, hello, toolItem] = state.items;
    expect(first).toMatchObject({ kind: 'user', source: 'template', own: 'Fix it.' });
    expect(hello).toMatchObject({ kind: 'text', text: 'Hello world' });
    expect(toolItem).toMatchObject({ kind: 'tool', name: 'Bash', result: { output: 'a.txt', isError: false } });
    expect(state.hasOlder).toBe(false);
  });

  it('shows the same items live as from the log, whatever arrives first', async () => {
    seq = 50;
    const events = [
      ev({ type: 'user', turn: 1, text: 'go', source: 'person' }),
      text('one '),
      ev({ type: 'stderr', line: 'noise' }),
      text('two'),
      ev({ type: 'exit', pid: 1, code: 1, signal: null, abnormal: true, fatal: false, reason: 'boom' }),
      ev({ type: 'restart-scheduled', attempt: 1, delayMs: 10, reason: 'boom' }),
      ev({ type: 'turn-interrupted', turn: 1 }),
    ];
    const live = new ChatStore('live');
    live.addEvents(events);
    const logged = new ChatStore('logged');
    logged.applyHistory({ sessionId: 'logged', events: [...events].reverse() }, false);
    const mixed = new ChatStore('mixed');
    mixed.addEvents(events.slice(3));
    mixed.applyHistory({ sessionId: 'mixed', events: events.slice(0, 5).reverse() }, false);
    const items = await Promise.all([live, logged, mixed].map(async (store) => (await settled(store, (s) => s.items.length > 0)).items));
    expect(items[1]).toEqual(items[0]);
    expect(items[2]).toEqual(items[0]);
    const stderr = (await settled(live, (s) => s.stderr.length > 0)).stderr;
    expect(stderr).toEqual([{ line: 'noise', at: events[2]!.at }]);
  });

  it.each([
    ['the live run first, then the history page', true],
    ['the history page first, then the live run', false],
  ])('a merged live run of text deltas that overlaps the history shows each delta once: %s', async (_name, liveFirst) => {
    seq = 200;
    const store = new ChatStore('s3');
    const deltas = ['The ', 'quick ', 'brown ', 'fox'].map((t) => text(t));
    // The server merged the run live (seqFrom..seq); the log holds the same deltas one by one.
    const merged = coalesceEvents(deltas);
    expect(merged).toHaveLength(1);
    const history = (upTo: number) => ({ sessionId: 's3', events: deltas.slice(0, upTo).reverse() });
    if (liveFirst) {
      store.addEvents(merged);
      store.applyHistory(history(3), false);
    } else {
      store.applyHistory(history(3), false);
      store.addEvents(merged);
    }
    const state = await settled(store, (s) => s.loaded && s.items.length > 0);
    expect(state.items.filter((i) => i.kind === 'text').map((i) => (i.kind === 'text' ? i.text : ''))).toEqual(['The quick brown fox']);
  });

  it('carries the mark of a record the history cut short onto its item, and none onto whole ones', async () => {
    seq = 0;
    const store = new ChatStore('s1');
    const user = ev({ type: 'user', turn: 1, text: 'go…', source: 'person' });
    const tool = chunk({ kind: 'tool_use', toolId: 't1', name: 'Bash', input: { command: 'cat big.log' } });
    const result = chunk({ kind: 'tool_result', toolId: 't1', output: 'ooo…', isError: false });
    const words = text('whole');
    store.applyHistory(
      {
        sessionId: 's1',
        events: [words, { ...result, truncated: { bytes: 8_000_123 } }, tool, { ...user, truncated: { bytes: 200_000 } }],
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
