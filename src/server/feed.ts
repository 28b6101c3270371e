/**
 * Fans the supervisor's streams out to every connected browser. Chunks are batched per tick and
 * coalesced, serialized once, and handed only to clients that watch that session; the session list
 * goes out as diffs (at once when a status changed, else throttled); stats once a second.
 */
import type { Subscription } from 'rxjs';
import type { SequencedChunk } from '../protocol/chunks.js';
import type { SupervisorEvent } from '../protocol/events.js';
import type { SessionInfo } from '../protocol/session.js';
import type { ServerMessage, SnapshotMessage, WireTree } from '../protocol/wire.js';
import type { ClientQueue } from './client-queue.js';
import { coalesceChunks } from './coalesce-chunks.js';
import { computeStats, RateMeter } from './dashboard-stats.js';
import type { DashboardServices } from './services.js';
import { SessionDiffer } from './session-diff.js';

export interface FeedClient {
  readonly queue: ClientQueue;
  readonly watched: ReadonlySet<string>;
}

export interface FeedOptions {
  /** How often batched chunks and stderr lines go out. */
  tickMs: number;
  /** Session-list diffs without a status change go out at most this often. */
  sessionsEveryMs: number;
  statsEveryMs: number;
  /** Chunks waiting for one session before they are coalesced in place. */
  maxPendingChunks: number;
  /** Stderr lines kept per session per tick (the newest). */
  maxPendingStderr: number;
}

export const DEFAULT_FEED_OPTIONS: FeedOptions = {
  tickMs: 50,
  sessionsEveryMs: 500,
  statsEveryMs: 1000,
  maxPendingChunks: 512,
  maxPendingStderr: 200,
};

export class DashboardFeed {
  private readonly clients = new Set<FeedClient>();
  private watchedIds = new Set<string>();
  private readonly pendingChunks = new Map<string, SequencedChunk[]>();
  private readonly pendingStderr = new Map<string, { line: string; at: number }[]>();
  private readonly differ = new SessionDiffer();
  private readonly rate = new RateMeter();
  private readonly subscriptions: Subscription[] = [];
  private sessions: SessionInfo[] = [];
  private statuses = new Map<string, string>();
  private sessionsDirty = false;
  private statusChanged = false;
  private lastSessionsAt = 0;
  private lastStatsAt = 0;
  private tree: WireTree | null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly services: DashboardServices,
    private readonly options: FeedOptions = DEFAULT_FEED_OPTIONS,
  ) {
    this.tree = services.tree.current();
  }

  start(): void {
    const { supervisor } = this.services;
    this.sessions = supervisor.list();
    this.differ.diff(this.sessions);
    this.statuses = new Map(this.sessions.map((s) => [s.sessionId, s.status]));
    this.subscriptions.push(
      supervisor.sessions$.subscribe((sessions) => this.onSessions(sessions)),
      supervisor.events$.subscribe((event) => this.onEvent(event)),
      this.services.tree.updates$.subscribe((tree) => {
        this.tree = tree;
        this.broadcast({ type: 'tree', tree });
      }),
    );
    this.timer = setInterval(() => this.tick(), this.options.tickMs);
    this.timer.unref();
  }

  stop(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions.length = 0;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  addClient(client: FeedClient): void {
    this.clients.add(client);
    this.refreshWatched();
  }

  removeClient(client: FeedClient): void {
    this.clients.delete(client);
    this.refreshWatched();
  }

  /** Call after a client changed its watched set. */
  refreshWatched(): void {
    const ids = new Set<string>();
    for (const client of this.clients) for (const id of client.watched) ids.add(id);
    this.watchedIds = ids;
    for (const id of this.pendingChunks.keys()) if (!ids.has(id)) this.pendingChunks.delete(id);
    for (const id of this.pendingStderr.keys()) if (!ids.has(id)) this.pendingStderr.delete(id);
  }

  clientCount(): number {
    return this.clients.size;
  }

  currentTree(): WireTree | null {
    return this.tree;
  }

  snapshot(resync: boolean): SnapshotMessage {
    const sessions = this.services.supervisor.list();
    return {
      type: 'snapshot',
      sessions,
      active: this.services.supervisor.getActive(),
      tree: this.tree,
      stats: computeStats(sessions, this.rate.rate()),
      resync,
    };
  }

  /** A message a person sent, shown to everyone watching that session. */
  publishUserMessage(sessionId: string, text: string): void {
    this.sendToWatchers(sessionId, JSON.stringify({ type: 'user-message', sessionId, text, at: Date.now() }));
  }

  broadcast(message: ServerMessage): void {
    if (this.clients.size === 0) return;
    const frame = JSON.stringify(message);
    for (const client of this.clients) client.queue.enqueue(frame);
  }

  /** Sends what is due now; runs every tick and may be called directly. */
  tick(): void {
    for (const [sessionId, chunks] of this.pendingChunks) {
      const message: ServerMessage = { type: 'chunks', sessionId, chunks: coalesceChunks(chunks) };
      this.sendToWatchers(sessionId, JSON.stringify(message));
    }
    this.pendingChunks.clear();
    for (const [sessionId, lines] of this.pendingStderr) {
      this.sendToWatchers(sessionId, JSON.stringify({ type: 'stderr', sessionId, lines }));
    }
    this.pendingStderr.clear();

    const now = Date.now();
    if (this.statusChanged || (this.sessionsDirty && now - this.lastSessionsAt >= this.options.sessionsEveryMs)) {
      this.sendSessionDiff();
      this.lastSessionsAt = now;
    }
    if (now - this.lastStatsAt >= this.options.statsEveryMs) {
      this.lastStatsAt = now;
      this.broadcast({ type: 'stats', stats: computeStats(this.sessions, this.rate.rate()) });
    }
    for (const client of this.clients) client.queue.flush();
  }

  private onSessions(sessions: SessionInfo[]): void {
    this.sessions = sessions;
    this.sessionsDirty = true;
    if (sessions.length !== this.statuses.size) this.statusChanged = true;
    for (const s of sessions) {
      if (this.statuses.get(s.sessionId) !== s.status) this.statusChanged = true;
    }
  }

  private sendSessionDiff(): void {
    this.sessionsDirty = false;
    this.statusChanged = false;
    this.statuses = new Map(this.sessions.map((s) => [s.sessionId, s.status]));
    const diff = this.differ.diff(this.sessions);
    if (diff.upsert.length > 0 || diff.patch.length > 0 || diff.removed.length > 0) {
      this.broadcast({ type: 'sessions', upsert: diff.upsert, patch: diff.patch, removed: diff.removed });
    }
    for (const t of diff.transitions) {
      if (t.from === undefined || t.from === t.to) continue;
      if (t.to === 'idle' || t.to === 'failed' || t.to === 'restarting') {
        this.broadcast({ type: 'attention', sessionId: t.sessionId, reason: t.to, detail: t.info.reason ?? t.info.restart?.reason });
      }
    }
  }

  private onEvent(event: SupervisorEvent): void {
    switch (event.type) {
      case 'agent-chunk': {
        this.rate.add();
        if (!this.watchedIds.has(event.sessionId)) return;
        let pending = this.pendingChunks.get(event.sessionId);
        if (!pending) this.pendingChunks.set(event.sessionId, (pending = []));
        pending.push(event.chunk);
        if (pending.length > this.options.maxPendingChunks) {
          this.pendingChunks.set(event.sessionId, coalesceChunks(pending));
        }
        return;
      }
      case 'agent-stderr': {
        if (!this.watchedIds.has(event.sessionId)) return;
        let lines = this.pendingStderr.get(event.sessionId);
        if (!lines) this.pendingStderr.set(event.sessionId, (lines = []));
        lines.push({ line: event.line, at: event.at });
        if (lines.length > this.options.maxPendingStderr) lines.shift();
        return;
      }
      case 'active-session-changed':
        this.broadcast({ type: 'active', sessionId: event.sessionId });
        return;
      case 'session-terminated':
        this.statusChanged = true;
        return;
      default:
        return;
    }
  }

  private sendToWatchers(sessionId: string, frame: string): void {
    for (const client of this.clients) {
      if (client.watched.has(sessionId)) client.queue.enqueue(frame);
    }
  }
}
