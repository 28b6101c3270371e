import { describe, expect, it } from 'vitest';
import type { PastSession, PastSessionsPage } from '../../../src/protocol/past-sessions.js';
import { HistoryStore } from '../../../src/ui/state/history-store.js';

const session = (id: string): PastSession => ({
  sessionId: id,
  persona: 'specialist',
  backend: 'sim',
  status: 'ended',
  label: 'finished',
  resumable: true,
  startedAt: 1,
  lastActivity: 1,
  turns: 1,
  restarts: 0,
  live: false,
});

describe('HistoryStore', () => {
  it('pages newest first and appends the next page once', async () => {
    const pages: Record<string, PastSessionsPage> = {
      first: { sessions: [session('c'), session('b')], total: 3, nextBefore: 'b' },
      b: { sessions: [session('b'), session('a')], total: 3 },
    };
    const store = new HistoryStore(async (_query, before) => pages[before ?? 'first'] as PastSessionsPage);
    await store.search('');
    expect(store.state$.value).toMatchObject({ loaded: true, total: 3, nextBefore: 'b' });
    await store.loadMore();
    expect(store.state$.value.sessions.map((s) => s.sessionId)).toEqual(['c', 'b', 'a']);
    expect(store.state$.value.nextBefore).toBeUndefined();
    expect(store.get('a')?.label).toBe('finished');
  });

  it('drops the reply to a query typed over, and keeps an error to show', async () => {
    const waiting: ((page: PastSessionsPage) => void)[] = [];
    const store = new HistoryStore((query) => (query === 'bad' ? Promise.reject(new Error('BUSY')) : new Promise((resolve) => waiting.push(resolve))));
    const slow = store.search('old');
    const fast = store.search('new');
    waiting[1]?.({ sessions: [session('new')], total: 9 });
    await fast;
    waiting[0]?.({ sessions: [session('old')], total: 9, partial: true });
    await slow;
    expect(store.state$.value).toMatchObject({ query: 'new', partial: false });
    expect(store.state$.value.sessions.map((s) => s.sessionId)).toEqual(['new']);
    await store.search('bad');
    expect(store.state$.value).toMatchObject({ query: 'bad', error: 'BUSY', loading: false });
  });
});
