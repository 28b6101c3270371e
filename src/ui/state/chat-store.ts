/**
 * One session's conversation in the browser: its events by seq, from the log's pages and the live
 * stream alike (they may overlap: the seq tells them apart), folded into display items at most
 * ~10 times a second. Stderr events feed the drawer.
 */
import { BehaviorSubject } from 'rxjs';
import type { EventOf, SessionEvent } from '../../protocol/session-events.js';
import type { HistoryPage } from '../../protocol/wire.js';
import { buildItems, type ChatItem } from './chat-model.js';

export interface StderrLine {
  line: string;
  at: number;
}

export interface ChatState {
  items: ChatItem[];
  stderr: StderrLine[];
  /** The first history page arrived. */
  loaded: boolean;
  /** Older history exists in the log. */
  hasOlder: boolean;
  loadingOlder: boolean;
  error?: string;
}

const MAX_STDERR = 500;
const PUBLISH_EVERY_MS = 100;

export class ChatStore {
  readonly state$ = new BehaviorSubject<ChatState>({ items: [], stderr: [], loaded: false, hasOlder: false, loadingOlder: false });
  private readonly events = new Map<number, SessionEvent>();
  /** The events in seq order; live events append, a history page marks it for sorting. */
  private sorted: SessionEvent[] = [];
  private unsorted = false;
  /** Seqs held inside a merged live run of text deltas (see addEvent). */
  private readonly mergedAway = new Set<number>();
  private nextBefore: number | undefined;
  private loaded = false;
  private loadingOlder = false;
  private error: string | undefined;
  private scheduled = false;
  private lastPublish = 0;

  constructor(readonly sessionId: string) {}

  /** Cursor for the next older page, if any. */
  get olderCursor(): number | undefined {
    return this.nextBefore;
  }

  /**
   * An older page is on its way, known at once: `state$` says so only at the next publish, and
   * scroll events arriving before it would each ask for the same page again.
   */
  get fetchingOlder(): boolean {
    return this.loadingOlder;
  }

  /** Live events, in order. */
  addEvents(events: readonly SessionEvent[]): void {
    for (const event of events) this.addEvent(event);
    this.schedule();
  }

  /** A page of the log (newest first). `older` pages extend further back; a first page resets the cursor. */
  applyHistory(page: HistoryPage, older: boolean): void {
    for (const event of page.events) this.addEvent(event);
    // An older page moves the cursor back; a refreshed newest page keeps what was already paged in.
    if (older || !this.loaded) this.nextBefore = page.nextBefore;
    this.loaded = true;
    this.loadingOlder = false;
    this.error = undefined;
    this.schedule();
  }

  setLoadingOlder(loading: boolean): void {
    this.loadingOlder = loading;
    this.schedule();
  }

  setError(message: string): void {
    this.error = message;
    this.loaded = true;
    this.loadingOlder = false;
    this.schedule();
  }

  private addEvent(event: SessionEvent): void {
    if (this.events.has(event.seq) || this.mergedAway.has(event.seq)) return;
    // A merged live run holds the text of every delta in it: those seen one by one give way to it.
    const from = event.type === 'chunk' ? event.seqFrom : undefined;
    if (from !== undefined) {
      for (let seq = from; seq < event.seq; seq++) {
        if (this.events.delete(seq)) this.unsorted = true;
        this.mergedAway.add(seq);
      }
    }
    this.events.set(event.seq, event);
    const last = this.sorted[this.sorted.length - 1];
    if (!this.unsorted && (last === undefined || last.seq < event.seq)) this.sorted.push(event);
    else this.unsorted = true;
  }

  /**
   * At most ~10 renders a second: smooth enough to read a stream, and a fraction of the paint
   * work of rendering every frame the server sends.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = Math.max(0, this.lastPublish + PUBLISH_EVERY_MS - Date.now());
    setTimeout(() => {
      const run = () => {
        this.scheduled = false;
        this.lastPublish = Date.now();
        this.publish();
      };
      if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(run);
      else run();
    }, wait);
  }

  /** The events in order (for tests and the fold). */
  ordered(): SessionEvent[] {
    if (this.unsorted) {
      this.sorted = [...this.events.values()].sort((a, b) => a.seq - b.seq);
      this.unsorted = false;
    }
    return this.sorted;
  }

  private publish(): void {
    const events = this.ordered();
    const stderr: StderrLine[] = [];
    for (const event of events) {
      if (event.type === 'stderr') stderr.push({ line: (event as EventOf<'stderr'>).line, at: event.at });
    }
    this.state$.next({
      items: buildItems(events),
      stderr: stderr.length > MAX_STDERR ? stderr.slice(-MAX_STDERR) : stderr,
      loaded: this.loaded,
      hasOlder: this.nextBefore !== undefined,
      loadingOlder: this.loadingOlder,
      error: this.error,
    });
  }
}
