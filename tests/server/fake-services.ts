/** An in-memory SupervisorApi and services, for the server's own unit tests (auth, validation, queues). */
import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import { troupeError } from '../../src/errors/troupe-error.js';
import type { SequencedChunk, SessionEvent, SessionInfo, SessionSpec, SupervisorEvent } from '../../src/protocol/index.js';
import type { WireTree } from '../../src/protocol/wire.js';
import type { DashboardServices } from '../../src/server/services.js';
import type { SupervisorApi } from '../../src/supervisor/types.js';

export class FakeSupervisor implements SupervisorApi {
  readonly sessions$ = new BehaviorSubject<SessionInfo[]>([]);
  private readonly events = new Subject<SupervisorEvent>();
  readonly events$: Observable<SupervisorEvent> = this.events.asObservable();
  private readonly table = new Map<string, SessionInfo>();
  private active: string | null = null;
  private next = 1;
  private seq = new Map<string, number>();
  readonly sent: { sessionId: string; message: string }[] = [];

  chunks(): Observable<SequencedChunk> {
    return new Subject<SequencedChunk>();
  }

  sessionEvents(): Observable<SessionEvent> {
    return new Subject<SessionEvent>();
  }

  async start(spec: SessionSpec): Promise<string> {
    const sessionId = `s-${this.next++}`;
    const now = Date.now();
    this.table.set(sessionId, {
      sessionId,
      beadId: spec.beadId,
      persona: spec.persona,
      backendId: spec.backend,
      status: 'running',
      createdAt: now,
      lastActivity: now,
      turns: 1,
      restarts: 0,
      totals: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    });
    if (this.active === null) this.active = sessionId;
    this.publish();
    return sessionId;
  }

  async send(message: string, sessionId?: string): Promise<void> {
    const id = sessionId ?? this.active;
    if (!id || !this.table.has(id)) throw troupeError('UNKNOWN_SESSION', `no session ${id}`);
    this.sent.push({ sessionId: id, message });
  }

  async interrupt(): Promise<void> {}
  readonly answers: { sessionId: string; requestId: string; decision: string }[] = [];
  async answerPermission(sessionId: string, requestId: string, answer: { decision: string }): Promise<void> {
    this.answers.push({ sessionId, requestId, decision: answer.decision });
  }
  async stop(sessionId?: string): Promise<void> {
    this.setStatus(sessionId ?? this.active ?? '', 'stopped');
  }
  async terminate(sessionId: string): Promise<void> {
    this.table.delete(sessionId);
    this.events.next({ type: 'session-terminated', sessionId, reason: 'terminated by user' });
    this.publish();
  }
  async revive(): Promise<void> {}
  list(): SessionInfo[] {
    return [...this.table.values()];
  }
  get(sessionId: string): SessionInfo | undefined {
    return this.table.get(sessionId);
  }
  switchActive(sessionId: string): void {
    if (!this.table.has(sessionId)) throw troupeError('UNKNOWN_SESSION', `no session ${sessionId}`);
    this.active = sessionId;
    this.events.next({ type: 'active-session-changed', sessionId });
  }
  getActive(): string | null {
    return this.active;
  }
  async whenSettled(sessionId: string): Promise<SessionInfo> {
    return this.table.get(sessionId) as SessionInfo;
  }
  async shutdown(): Promise<void> {}

  setStatus(sessionId: string, status: SessionInfo['status']): void {
    const info = this.table.get(sessionId);
    if (!info) return;
    this.table.set(sessionId, { ...info, status, lastActivity: Date.now() });
    this.publish();
  }

  /** Emits a text delta chunk for a session, as a worker would. */
  emitText(sessionId: string, text: string): void {
    const seq = (this.seq.get(sessionId) ?? 0) + 1;
    this.seq.set(sessionId, seq);
    this.events.next({ type: 'session-event', sessionId, event: { type: 'chunk', seq, at: Date.now(), turn: 1, chunk: { kind: 'text', text, delta: true } } });
  }

  private publish(): void {
    const list = this.list();
    this.sessions$.next(list);
    this.events.next({ type: 'session-list-changed', sessions: list });
  }
}

export const FAKE_TREE: WireTree = {
  roots: [
    {
      id: 'demo-1',
      title: 'An epic',
      type: 'epic',
      status: 'open',
      priority: 1,
      blocked: false,
      blockedBy: [],
      counts: { children: 0, open: 0, closed: 0, inProgress: 0 },
      children: [],
    },
  ],
  count: 1,
  loadedAt: 0,
};

export function fakeServices(supervisor = new FakeSupervisor()): DashboardServices & { supervisor: FakeSupervisor } {
  const tree = new BehaviorSubject<WireTree>(FAKE_TREE);
  return {
    supervisor,
    projectRoot: '/nowhere/demo',
    projectName: 'demo',
    defaultBackend: 'sim',
    backends: async () => [{ id: 'sim', label: 'Simulated agent', installed: true }],
    personas: async () => [{ id: 'specialist', label: 'Specialist', icon: '⚡' }],
    tree: { current: () => tree.value, updates$: tree.asObservable(), close: () => tree.complete() },
    history: async (info) => ({ sessionId: info.sessionId, events: [] }),
  };
}
