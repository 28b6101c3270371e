import { describe, expect, it } from 'vitest';
import type { AgentChunk } from '../../../src/protocol/chunks.js';
import type { SessionEvent, SessionEventBody } from '../../../src/protocol/session-events.js';
import { buildItems } from '../../../src/ui/state/chat-model.js';

let seq = 0;
function ev(body: SessionEventBody): SessionEvent {
  seq += 1;
  return { ...body, seq, at: seq } as SessionEvent;
}
const chunk = (c: AgentChunk, turn = 1) => ev({ type: 'chunk', turn, chunk: c });

describe('buildItems', () => {
  it('joins streamed deltas into one text item', () => {
    const items = buildItems([chunk({ kind: 'text', text: 'Hello ', delta: true }), chunk({ kind: 'text', text: 'world', delta: true })]);
    expect(items).toMatchObject([{ kind: 'text', text: 'Hello world' }]);
  });

  it('drops text the agent declared void after a broken stream, and shows what replaced it', () => {
    const items = buildItems([
      chunk({ kind: 'text', text: 'Kept. ', delta: false }),
      chunk({ kind: 'text', text: 'Hello ', delta: true }),
      chunk({ kind: 'text', text: 'fro', delta: true }),
      chunk({ kind: 'notice', level: 'warning', code: 'text_abandoned', message: 'stream broke off', discardText: 'Hello fro' }),
      chunk({ kind: 'text', text: 'Recovered.', delta: false }),
    ]);
    const texts = items.filter((item) => item.kind === 'text').map((item) => (item.kind === 'text' ? item.text : ''));
    expect(texts).toEqual(['Kept. ', 'Recovered.']);
    expect(items.some((item) => item.kind === 'notice')).toBe(true);
  });

  it('cuts only the void tail of a text item that also holds good text', () => {
    const items = buildItems([
      chunk({ kind: 'text', text: 'Good start, ', delta: true }),
      chunk({ kind: 'text', text: 'then lost', delta: true }),
      chunk({ kind: 'notice', level: 'warning', code: 'text_abandoned', message: 'x', discardText: 'then lost' }),
    ]);
    expect(items[0]).toMatchObject({ kind: 'text', text: 'Good start, ' });
  });

  it('shows one marker per crash (its restart told on it) and one per interrupt, and the turn outcome once', () => {
    const items = buildItems([
      ev({ type: 'user', turn: 1, text: 'built', source: 'template', own: 'do it' }),
      chunk({ kind: 'text', text: 'part', delta: true }),
      ev({ type: 'exit', pid: 1, code: 1, signal: null, abnormal: true, fatal: false, reason: 'exited with code 1' }),
      ev({ type: 'restart-scheduled', attempt: 1, delayMs: 200, reason: 'exited with code 1' }),
      ev({ type: 'user', turn: 1, text: 'continue', source: 'troupe' }),
      chunk({ kind: 'text', text: 'rest', delta: true }),
      chunk({ kind: 'done', ok: true, durationMs: 900 }),
      ev({ type: 'turn-done', turn: 1 }),
      ev({ type: 'user', turn: 2, text: 'more', source: 'person' }),
      chunk({ kind: 'text', text: 'st', delta: true }, 2),
      ev({ type: 'turn-interrupted', turn: 2 }),
    ]);
    expect(items.map((item) => item.kind)).toEqual(['user', 'text', 'crash', 'user', 'text', 'turn-end', 'user', 'text', 'turn-end']);
    expect(items[2]).toMatchObject({ kind: 'crash', reason: 'exited with code 1', restart: { attempt: 1, delayMs: 200 } });
    expect(items[3]).toMatchObject({ source: 'troupe' });
    expect(items[5]).toMatchObject({ outcome: 'done', durationMs: 900 });
    expect(items[8]).toMatchObject({ outcome: 'interrupted', turn: 2 });
    // Nothing after the turn is open: the cursor belongs to streaming text only.
    expect(items.filter((item) => item.kind === 'text' && item.open)).toEqual([]);
  });

  it('shows a request and its answer on one card; one the policy answered at once gets its own', () => {
    const request = { requestId: 'r1', kind: 'tool' as const, toolName: 'Bash', summary: 'npm publish', askedAt: 1 };
    const items = buildItems([
      ev({ type: 'permission-requested', request }),
      ev({ type: 'permission-resolved', requestId: 'r1', decision: 'allow', by: 'person', scope: 'session', rule: 'Bash(npm publish)' }),
      ev({ type: 'permission-resolved', requestId: 'r2', decision: 'deny', by: 'policy', message: 'permission mode read-only', request: { ...request, requestId: 'r2', toolName: 'Edit', summary: 'a.ts' } }),
      ev({ type: 'permission-resolved', requestId: 'r9', decision: 'deny', by: 'cancelled' }),
    ]);
    expect(items).toMatchObject([
      { kind: 'permission', request: { requestId: 'r1' }, resolved: { decision: 'allow', by: 'person', scope: 'session', rule: 'Bash(npm publish)' } },
      { kind: 'permission', request: { requestId: 'r2', toolName: 'Edit' }, resolved: { decision: 'deny', by: 'policy' } },
    ]);
  });
});
