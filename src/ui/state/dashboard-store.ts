/**
 * The browser's model of troupe: what the server said (hello, sessions, active, tree, stats) as
 * RxJS subjects, a ChatStore per open session, and the commands the UI sends.
 */
import { BehaviorSubject, Subject } from 'rxjs';
import type { SessionInfo } from '../../protocol/session.js';
import {
  applySessionPatch,
  type DashboardStats,
  type HelloMessage,
  type HistoryPage,
  type ServerMessage,
  type WireStartSpec,
  type WireTree,
} from '../../protocol/wire.js';
import type { PastSessionsPage } from '../../protocol/past-sessions.js';
import { Connection, type ConnectionState } from '../lib/connection.js';
import { loadJson, saveJson } from '../lib/storage.js';
import { attentionCount } from './attention.js';
import { ChatStore } from './chat-store.js';
import { answerRequest } from './answer-request.js';
import type { PermissionAnswer } from '../../protocol/permissions.js';

export type StoreMode = { kind: 'main' } | { kind: 'popout'; sessionId: string };

export interface Toast {
  id: number;
  level: 'error' | 'info';
  text: string;
}

const SEEN_KEY = 'troupe.seen';
const HISTORY_PAGE = 200;
/** Chat stores kept for sessions no longer shown, so switching back is instant. */
const KEEP_CHATS = 6;

export class DashboardStore {
  readonly connection = new Connection();
  readonly state$: BehaviorSubject<ConnectionState> = this.connection.state$;
  readonly hello$ = new BehaviorSubject<HelloMessage | null>(null);
  readonly sessions$ = new BehaviorSubject<ReadonlyMap<string, SessionInfo>>(new Map());
  readonly active$ = new BehaviorSubject<string | null>(null);
  readonly tree$ = new BehaviorSubject<WireTree | null>(null);
  readonly stats$ = new BehaviorSubject<DashboardStats | null>(null);
  readonly seen$ = new BehaviorSubject<Readonly<Record<string, number>>>(loadJson(SEEN_KEY, {}));
  readonly toasts$ = new BehaviorSubject<Toast[]>([]);
  /** A session became idle, failed or started waiting for an approval (for notifications). */
  readonly attention$ = new Subject<{ info: SessionInfo; reason: string; detail?: string }>();
  private readonly chats = new Map<string, ChatStore>();
  private watched: string[] = [];
  private viewing = new Set<string>();
  private toastId = 0;

  constructor(readonly mode: StoreMode) {}

  start(): void {
    // Another window of this dashboard (a pop-out) saw some sessions: take its marks.
    window.addEventListener('storage', (event) => {
      if (event.key !== SEEN_KEY || !event.newValue) return;
      const theirs = loadJson<Record<string, number>>(SEEN_KEY, {});
      const merged = { ...this.seen$.value };
      let changed = false;
      for (const [id, at] of Object.entries(theirs)) {
        if ((merged[id] ?? 0) < at) {
          merged[id] = at;
          changed = true;
        }
      }
      if (changed) this.seen$.next(merged);
    });
    this.connection.messages$.subscribe((message) => this.onMessage(message));
    this.connection.state$.subscribe((state) => {
      if (state !== 'open') return;
      // Watch, then read the logs: on a first connect that is the history, after a reconnect it
      // fills the hole the lost connection left in the stream.
      void this.sendWatch();
      for (const id of this.watched) void this.loadHistory(id, false);
    });
    this.connection.connect();
  }

  /** The sessions this window shows a chat for (and so streams live). */
  setWatched(sessionIds: string[]): void {
    const next = [...new Set(sessionIds)];
    if (next.join() === this.watched.join()) return;
    const before = new Set(this.watched);
    this.watched = next;
    // Watch first, then read the log: the stream and the history then overlap instead of leaving a gap.
    void this.sendWatch();
    for (const id of next) {
      this.chat(id);
      // A new chat needs its history; a kept one missed what happened while it was not watched.
      if (!before.has(id) && this.state$.value === 'open') void this.loadHistory(id, false);
    }
    this.dropOldChats();
  }

  /** Sessions on screen: their activity counts as seen. */
  setViewing(sessionIds: string[]): void {
    this.viewing = new Set(sessionIds);
    this.markViewedSeen();
  }

  chat(sessionId: string): ChatStore {
    let store = this.chats.get(sessionId);
    if (!store) {
      // No history read here: a chat panel asks for its store while rendering, before its session
      // is watched; setWatched reads the log once the watch is sent (reading twice cost a request).
      store = new ChatStore(sessionId);
      this.chats.set(sessionId, store);
    } else {
      // Most recently used last.
      this.chats.delete(sessionId);
      this.chats.set(sessionId, store);
    }
    return store;
  }

  async loadOlder(sessionId: string): Promise<void> {
    const store = this.chats.get(sessionId);
    if (!store || store.olderCursor === undefined || store.fetchingOlder) return;
    store.setLoadingOlder(true);
    await this.loadHistory(sessionId, true);
  }

  select(sessionId: string): void {
    this.active$.next(sessionId);
    this.run(this.connection.request({ type: 'switch-active', sessionId }));
  }

  async startSession(spec: WireStartSpec): Promise<string | null> {
    try {
      const { sessionId } = await this.connection.request<{ sessionId: string }>({ type: 'start', spec });
      return sessionId;
    } catch (error) {
      this.toast('error', `Could not start the session: ${(error as Error).message}`);
      return null;
    }
  }

  send(sessionId: string, message: string): Promise<boolean> {
    return this.run(this.connection.request({ type: 'send', sessionId, message }));
  }

  interrupt(sessionId: string): void {
    void this.run(this.connection.request({ type: 'interrupt', sessionId }));
  }

  stop(sessionId: string): void {
    void this.run(this.connection.request({ type: 'stop', sessionId }));
  }

  revive(sessionId: string, message?: string): void {
    void this.run(this.connection.request({ type: 'revive', sessionId, ...(message ? { message } : {}) }));
  }

  /** A person's answer to a pending request; false when it was refused (told in a toast). */
  answerPermission(sessionId: string, requestId: string, answer: PermissionAnswer): Promise<boolean> {
    return answerRequest(this.connection, (level, text) => this.toast(level, text), sessionId, requestId, answer);
  }

  terminate(sessionId: string): void {
    void this.run(this.connection.request({ type: 'terminate', sessionId }));
  }

  /** Sessions in the project's logs matching the query, newest first (the history view, the search). */
  findSessions(query: string, before?: string, limit?: number): Promise<PastSessionsPage> {
    return this.connection.request<PastSessionsPage>({ type: 'find-sessions', query, ...(before ? { before } : {}), ...(limit ? { limit } : {}) });
  }

  /** Takes a past session back into the list and starts its next turn; resolves with its id, or null (told in a toast). */
  async resume(sessionId: string, message?: string): Promise<string | null> {
    try {
      await this.connection.request({ type: 'resume', sessionId, ...(message ? { message } : {}) });
      this.active$.next(sessionId);
      return sessionId;
    } catch (error) {
      this.toast('error', `Could not resume the session: ${(error as Error).message}`);
      return null;
    }
  }

  attentionCount(): number {
    return attentionCount(this.sessions$.value.values(), this.seen$.value);
  }

  dismissToast(id: number): void {
    this.toasts$.next(this.toasts$.value.filter((t) => t.id !== id));
  }

  toast(level: Toast['level'], text: string): void {
    const toast = { id: ++this.toastId, level, text };
    this.toasts$.next([...this.toasts$.value.slice(-3), toast]);
    setTimeout(() => this.dismissToast(toast.id), level === 'error' ? 8000 : 4000);
  }

  private async run(promise: Promise<unknown>): Promise<boolean> {
    try {
      await promise;
      return true;
    } catch (error) {
      this.toast('error', (error as Error).message);
      return false;
    }
  }

  private async sendWatch(): Promise<void> {
    if (this.state$.value !== 'open') return;
    try {
      await this.connection.request({ type: 'watch', sessionIds: this.watched });
    } catch {
      // Reconnecting: the watch is sent again on open.
    }
  }

  private async loadHistory(sessionId: string, older: boolean): Promise<void> {
    const store = this.chats.get(sessionId);
    if (!store) return;
    try {
      const page = await this.connection.request<HistoryPage>({
        type: 'history',
        sessionId,
        limit: HISTORY_PAGE,
        ...(older && store.olderCursor !== undefined ? { before: store.olderCursor } : {}),
      });
      store.applyHistory(page, older);
    } catch (error) {
      store.setError((error as Error).message);
    }
  }

  private dropOldChats(): void {
    for (const id of this.chats.keys()) {
      if (this.chats.size <= KEEP_CHATS) break;
      if (!this.watched.includes(id)) this.chats.delete(id);
    }
  }

  private onMessage(message: ServerMessage): void {
    switch (message.type) {
      case 'hello':
        this.hello$.next(message);
        break;
      case 'snapshot': {
        this.sessions$.next(new Map(message.sessions.map((s) => [s.sessionId, s])));
        this.active$.next(message.active);
        this.tree$.next(message.tree);
        this.stats$.next(message.stats);
        if (message.resync) for (const id of this.watched) void this.loadHistory(id, false);
        this.markViewedSeen();
        break;
      }
      case 'sessions': {
        const next = new Map(this.sessions$.value);
        for (const info of message.upsert) next.set(info.sessionId, info);
        for (const patch of message.patch) {
          const known = next.get(patch.sessionId);
          if (known) next.set(patch.sessionId, applySessionPatch(known, patch));
        }
        for (const id of message.removed) next.delete(id);
        this.sessions$.next(next);
        this.markViewedSeen();
        break;
      }
      case 'active':
        this.active$.next(message.sessionId);
        break;
      case 'events':
        this.chats.get(message.sessionId)?.addEvents(message.events);
        break;
      case 'attention': {
        const info = this.sessions$.value.get(message.sessionId);
        if (info) this.attention$.next({ info, reason: message.reason, ...(message.detail ? { detail: message.detail } : {}) });
        break;
      }
      case 'tree':
        this.tree$.next(message.tree);
        break;
      case 'stats':
        this.stats$.next(message.stats);
        break;
      case 'reply':
        break;
    }
  }

  private markViewedSeen(): void {
    if (typeof document !== 'undefined' && document.hidden) return;
    const seen = this.seen$.value;
    let changed = false;
    const next: Record<string, number> = {};
    const sessions = this.sessions$.value;
    // Keep only sessions that still exist, so the record does not grow for ever.
    for (const [id, at] of Object.entries(seen)) if (sessions.has(id)) next[id] = at;
    if (Object.keys(next).length !== Object.keys(seen).length && sessions.size > 0) changed = true;
    for (const id of this.viewing) {
      const info = sessions.get(id);
      if (info && (next[id] ?? 0) < info.lastActivity) {
        next[id] = info.lastActivity;
        changed = true;
      }
    }
    if (!changed) return;
    this.seen$.next(next);
    saveJson(SEEN_KEY, next);
  }
}
