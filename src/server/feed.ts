/**
 * Fans the supervisor's streams out to every connected browser. A session's events are batched per
 * tick and coalesced, serialized once, and handed only to clients that watch that session; the session list
 * goes out as diffs (at once when a status changed, else throttled); stats once a second.
 */
import type { Subscription } from 'rxjs';
import type { SupervisorEvent } from '../protocol/events.js';
import type { SessionEvent } from '../protocol/session-events.js';
import type { SessionInfo } from '../protocol/session.js';
import type { ServerMessage, SnapshotMessage, WireTree } from '../protocol/wire.js';
import type { ClientQueue } from './client-queue.js';
import { coalesceEvents } from './coalesce-events.js';
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
  /** Events waiting for one session before they are coalesced in place. */
  maxPendingEvents: number;
  /** Stderr lines kept per session per tick (the newest); the rest of a flood is thinned out. */
  maxPendingStderr: number;
}

export const DEFAULT_FEED_OPTIONS: FeedOptions = {
  tickMs: 50,
  sessionsEveryMs: 500,
  statsEveryMs: 1000,
  maxPendingEvents: 512,
  maxPendingStderr: 200,
};

export class DashboardFeed {
  private readonly clients = new Set<FeedClient>();
  private watchedIds = new Set<string>();
  private readonly pending = new Map<string, PendingEvents>();
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
    for (const id of this.pending.keys()) if (!ids.has(id)) this.pending.delete(id);
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

  broadcast(message: ServerMessage): void {
    if (this.clients.size === 0) return;
    const frame = JSON.stringify(message);
    for (const client of this.clients) client.queue.enqueue(frame);
  }

  /** Sends what is due now; runs every tick and may be called directly. */
  tick(): void {
    for (const [sessionId, batch] of this.pending) {
      const message: ServerMessage = { type: 'events', sessionId, events: coalesceEvents(batch.events) };
      this.sendToWatchers(sessionId, JSON.stringify(message));
    }
    this.pending.clear();

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
      if (t.to === 'idle' || t.to === 'failed' || t.to === 'restarting' || t.to === 'waiting') {
        const asked = t.to === 'waiting' ? t.info.pendingPermissions?.[0] : undefined;
        const detail = asked ? `${asked.toolName}: ${asked.summary}` : (t.info.reason ?? t.info.restart?.reason);
        this.broadcast({ type: 'attention', sessionId: t.sessionId, reason: t.to, detail });
      }
    }
  }

  private onEvent(event: SupervisorEvent): void {
    switch (event.type) {
      case 'session-event': {
        if (event.event.type === 'chunk') this.rate.add();
        if (!this.watchedIds.has(event.sessionId)) return;
        this.queueEvent(event.sessionId, event.event);
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

  private queueEvent(sessionId: string, event: SessionEvent): void {
    let batch = this.pending.get(sessionId);
    if (!batch) this.pending.set(sessionId, (batch = { events: [], stderr: 0 }));
    if (event.type === 'stderr') {
      batch.stderr += 1;
      // A stderr flood is thinned: the oldest waiting line gives way.
      if (batch.stderr > this.options.maxPendingStderr) {
        const oldest = batch.events.findIndex((e) => e.type === 'stderr');
        if (oldest >= 0) batch.events.splice(oldest, 1);
        batch.stderr -= 1;
      }
    }
    batch.events.push(event);
    if (batch.events.length > this.options.maxPendingEvents) batch.events = coalesceEvents(batch.events);
  }

  private sendToWatchers(sessionId: string, frame: string): void {
    for (const client of this.clients) {
      if (client.watched.has(sessionId)) client.queue.enqueue(frame);
    }
  }
}

interface PendingEvents {
  events: SessionEvent[];
  stderr: number;
}
