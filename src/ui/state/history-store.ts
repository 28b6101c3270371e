/**
 * The history view's model: the past sessions matching a query, a page at a time, newest first.
 * A reply to an older query (typing went on) is dropped; "load more" appends the next page.
 */
import { BehaviorSubject } from 'rxjs';
import type { PastSession, PastSessionsPage } from '../../protocol/past-sessions.js';

export interface HistoryState {
  query: string;
  sessions: PastSession[];
  /** Logs in the project. */
  total: number;
  loaded: boolean;
  loading: boolean;
  nextBefore?: string;
  /** The text search stopped at its bound: more may match further back. */
  partial: boolean;
  error?: string;
}

export type FindSessions = (query: string, before?: string) => Promise<PastSessionsPage>;

export class HistoryStore {
  readonly state$ = new BehaviorSubject<HistoryState>({ query: '', sessions: [], total: 0, loaded: false, loading: false, partial: false });
  private asked = 0;

  constructor(private readonly find: FindSessions) {}

  /** The first page for this query (again, when it is the same: the logs changed meanwhile). */
  search(query: string): Promise<void> {
    return this.fetch(query, undefined);
  }

  refresh(): Promise<void> {
    return this.fetch(this.state$.value.query, undefined);
  }

  loadMore(): Promise<void> {
    const { nextBefore, loading, query } = this.state$.value;
    if (!nextBefore || loading) return Promise.resolve();
    return this.fetch(query, nextBefore);
  }

  get(sessionId: string): PastSession | undefined {
    return this.state$.value.sessions.find((s) => s.sessionId === sessionId);
  }

  private async fetch(query: string, before: string | undefined): Promise<void> {
    const ask = ++this.asked;
    const more = before !== undefined;
    // The rows shown stay until the answer replaces them: no blank list while typing.
    this.state$.next({ ...this.state$.value, query, loading: true, error: undefined });
    try {
      const page = await this.find(query, before);
      if (ask !== this.asked) return;
      const prior = more ? this.state$.value.sessions : [];
      const known = new Set(prior.map((s) => s.sessionId));
      this.state$.next({
        query,
        sessions: [...prior, ...page.sessions.filter((s) => !known.has(s.sessionId))],
        total: page.total,
        loaded: true,
        loading: false,
        ...(page.nextBefore ? { nextBefore: page.nextBefore } : {}),
        partial: (more && this.state$.value.partial) || page.partial === true,
      });
    } catch (error) {
      if (ask !== this.asked) return;
      this.state$.next({ ...this.state$.value, loading: false, loaded: true, error: (error as Error).message });
    }
  }
}
