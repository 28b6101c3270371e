/**
 * One session's conversation in the browser: chunks by seq (so history and the live stream may
 * overlap), user messages by turn, stderr lines for the drawer. Display items are rebuilt at most
 * once per animation frame.
 */
import { BehaviorSubject } from 'rxjs';
import type { SequencedChunk } from '../../protocol/chunks.js';
import type { HistoryEntry, HistoryPage, TruncationMark } from '../../protocol/wire.js';
import { buildItems, compareEntries, type ChatEntry, type ChatItem } from './chat-model.js';

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
  private readonly chunks = new Map<number, SequencedChunk>();
  /** Chunks the history sent cut short, by seq. */
  private readonly truncated = new Map<number, TruncationMark>();
  /** Seqs held inside a merged live run (see addChunk). */
  private readonly mergedAway = new Set<number>();
  private users: Extract<ChatEntry, { k: 'user' }>[] = [];
  private lifecycle: Extract<ChatEntry, { k: 'lifecycle' }>[] = [];
  private stderr: StderrLine[] = [];
  private maxTurn = 0;
  private maxSeq = 0;
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

  addChunks(chunks: readonly SequencedChunk[]): void {
    for (const chunk of chunks) this.addChunk(chunk);
    this.schedule();
  }

  /** A message a person just sent: it opens the next turn. */
  addLiveUser(text: string, at: number): void {
    this.users.push({ k: 'user', turn: this.maxTurn + 1, text, at, fromLog: false });
    this.maxTurn += 1;
    this.schedule();
  }

  addStderr(lines: readonly StderrLine[]): void {
    this.stderr = this.stderr.concat(lines);
    if (this.stderr.length > MAX_STDERR) this.stderr = this.stderr.slice(-MAX_STDERR);
    this.schedule();
  }

  addLifecycle(event: string, detail: string | undefined, at: number): void {
    this.lifecycle.push({ k: 'lifecycle', event, detail, at, turn: this.maxTurn, after: this.maxSeq });
    this.schedule();
  }

  /** A page of the log (newest first). `older` pages extend further back; a first page resets the cursor. */
  applyHistory(page: HistoryPage, older: boolean): void {
    // Walk oldest to newest so lifecycle marks and stderr land where they happened.
    const entries = [...page.entries].reverse();
    let turn = 0;
    let seq = 0;
    const stderr: StderrLine[] = [];
    for (const entry of entries) {
      if (entry.k === 'chunk') {
        if (this.addChunk(entry.chunk) && entry.truncated) this.truncated.set(entry.chunk.seq, entry.truncated);
        turn = entry.chunk.turn;
        seq = entry.chunk.seq;
      } else if (entry.k === 'user') {
        turn = Math.max(turn, entry.turn);
        this.addLoggedUser(entry);
      } else if (entry.k === 'stderr') {
        stderr.push({ line: entry.line, at: entry.at });
      } else if (!this.lifecycle.some((l) => l.at === entry.at && l.event === entry.event)) {
        this.lifecycle.push({ k: 'lifecycle', event: entry.event, detail: entry.detail, at: entry.at, turn, after: seq, truncated: entry.truncated });
      }
    }
    if (stderr.length > 0) {
      const known = new Set(this.stderr.map((l) => `${l.at}|${l.line}`));
      const merged = [...stderr.filter((l) => !known.has(`${l.at}|${l.line}`)), ...this.stderr].sort((a, b) => a.at - b.at);
      this.stderr = merged.slice(-MAX_STDERR);
    }
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

  /** False when the chunk was known already. */
  private addChunk(chunk: SequencedChunk): boolean {
    if (this.chunks.has(chunk.seq) || this.mergedAway.has(chunk.seq)) return false;
    // A merged live run holds the text of every delta in it: those seen one by one give way to it.
    const from = chunk.kind === 'text' ? chunk.seqFrom : undefined;
    if (from !== undefined) {
      for (let s = from; s < chunk.seq; s++) {
        this.chunks.delete(s);
        this.truncated.delete(s);
        this.mergedAway.add(s);
      }
    }
    this.chunks.set(chunk.seq, chunk);
    if (chunk.turn > this.maxTurn) this.maxTurn = chunk.turn;
    if (chunk.seq > this.maxSeq) this.maxSeq = chunk.seq;
    return true;
  }

  private addLoggedUser(entry: Extract<HistoryEntry, { k: 'user' }>): void {
    const { turn } = entry;
    if (this.users.some((u) => u.fromLog && u.turn === turn)) return;
    // The log's record replaces what was shown live for that turn.
    this.users = this.users.filter((u) => u.fromLog || u.turn !== turn);
    this.users.push({ k: 'user', turn, text: entry.text, at: entry.at, fromLog: true, generated: entry.generated, own: entry.own, truncated: entry.truncated });
    if (turn > this.maxTurn) this.maxTurn = turn;
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

  private publish(): void {
    const entries: ChatEntry[] = [...this.users, ...this.lifecycle];
    for (const chunk of this.chunks.values()) entries.push({ k: 'chunk', chunk, truncated: this.truncated.get(chunk.seq) });
    entries.sort(compareEntries);
    this.state$.next({
      items: buildItems(entries),
      stderr: this.stderr,
      loaded: this.loaded,
      hasOlder: this.nextBefore !== undefined,
      loadingOlder: this.loadingOlder,
      error: this.error,
    });
  }
}
