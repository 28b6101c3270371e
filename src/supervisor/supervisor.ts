import { BehaviorSubject, EMPTY, filter, map, Observable, Subject } from 'rxjs';
import { v4 as uuidv4 } from 'uuid';
import type { Piscina } from 'piscina';
import type {
  RestartPolicyConfig,
  SequencedChunk,
  SessionEvent,
  SessionEventBody,
  SessionInfo,
  SessionSpec,
  SessionState,
  SupervisorEvent,
} from '../protocol/index.js';
import type { TurnMessage, WorkerDataBatch, WorkerResumeState } from '../protocol/worker-messages.js';
import { messageOf, troupeError } from '../errors/troupe-error.js';
import { buildResumePrompt } from '../personas/index.js';
import { terminateProcessTree } from '../process/kill-group.js';
import { defaultChildRegistryDir, unregisterChildAsync } from '../process/child-registry.js';
import { applySessionEvent } from '../session/apply-session-event.js';
import { createSessionState } from '../session/session-state.js';
import { toSequencedChunk } from '../session/sequenced-chunk.js';
import { systemClock, type TimerHandle } from '../time/clock.js';
import { appendToSessionLog } from './own-log.js';
import { answerPermission } from './answer-permission.js';
import type { PermissionAnswer } from '../protocol/permissions.js';

import { decideRestart, initialRestartState, noteStarted, resolveRestartPolicy } from './restart-policy.js';
import { resolveSessionSpec, type SpecDefaults } from './resolve-spec.js';
import { SessionRecord, signal } from './session-record.js';
import type { SessionWorker, WorkerLauncher } from './session-worker-handle.js';
import type { Clock, SupervisorApi, SupervisorOptions } from './types.js';
import { WorkerLink } from './worker-link.js';
import { endAgents } from './end-agents.js';
import { AgentPriority } from './agent-priority.js';
import { createSessionPool } from './worker-pool.js';
import { quoted } from '../text/quoted.js';
import { WorkspaceActions } from './workspace-actions.js';
import type { WorkspaceDiff } from '../protocol/workspace.js';
import { workspaceDiff } from '../workspaces/changes.js';

const LIST_COALESCE_MS = 100;
/** A worker that has not taken its session over by then never came up (piscina stuck, bootstrap failure). */
const DEFAULT_WORKER_START_TIMEOUT_MS = 30_000;
/**
 * A worker's own stop can take three graces (term, kill, a sweep) and 10 s of final changes; one
 * that has not ended this long past them is stuck, not slow.
 */
const STUCK_WORKER_MARGIN_MS = 45_000;

/** A session known only from its log, as `adopt` takes it. */
export interface AdoptedSession {
  state: SessionState;
  spec: SessionRecord['spec'];
}

/**
 * The Supervisor actor (main thread). Folds each session's events with the one reducer and keeps
 * only the effects: the restart decision, events$, list publishing. One worker per session.
 */
export class Supervisor implements SupervisorApi {
  private readonly sessionList = new BehaviorSubject<SessionInfo[]>([]);
  readonly sessions$: Observable<SessionInfo[]> = this.sessionList.asObservable();
  private readonly eventSubject = new Subject<SupervisorEvent>();
  readonly events$: Observable<SupervisorEvent> = this.eventSubject.asObservable();

  private readonly records = new Map<string, SessionRecord>();
  /** The stop running for a session: a second stop (a Ctrl-C during a person's stop) waits for it. */
  private readonly stopping = new WeakMap<SessionRecord, Promise<void>>();
  private pool: Piscina | null = null;
  private readonly launcher: WorkerLauncher;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly defaultPolicy: RestartPolicyConfig;
  private readonly specDefaults: SpecDefaults;
  private readonly maxSessions: number;
  private active: string | null = null;
  private pendingStarts = 0;
  private listTimer: TimerHandle | null = null;
  private shuttingDown: Promise<void> | null = null;
  private readonly agentPriority: AgentPriority;
  /** Review, commit, merge, discard and keep of the sessions' workspaces. */
  readonly workspaces: WorkspaceActions;

  constructor(private readonly options: SupervisorOptions) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.defaultPolicy = resolveRestartPolicy(options.restartPolicy ?? {});
    this.maxSessions = options.maxSessions ?? 256;
    this.specDefaults = {
      projectRoot: options.projectRoot,
      shutdownMs: options.shutdownMs ?? 5_000,
      inactivityTimeoutMs: options.inactivityTimeoutMs ?? 10 * 60_000,
      childRegistryDir: options.childRegistryDir ?? defaultChildRegistryDir(process.env),
      ...(options.agentEnv ? { agentEnv: options.agentEnv } : {}),
    };
    this.agentPriority = new AgentPriority(
      () => [...this.records.values()].flatMap((record) => (record.worker && record.worker.agentPid() > 0 ? [record.worker.agentPid()] : [])),
      (fn) => this.clock.defer(fn),
    );
    this.launcher = options.launchWorker ?? ((spec, resume, onBatch) => new WorkerLink(this.sessionPool(), spec, resume, onBatch));
    // Warm threads make the first start fast; a custom launcher has no pool.
    if (!options.launchWorker) this.sessionPool();
    this.workspaces = new WorkspaceActions({
      projectRoot: options.projectRoot,
      record: (sessionId) => this.target(sessionId),
      stop: (record) => this.stopRecords([record], 'user'),
      publish: async (record, body) => {
        await this.waitForWorkerEnd(record);
        await this.publishOwn(record, body, false);
        this.listChanged(true);
      },
      // A custom launcher (tests) runs sessions in-thread: so does the diff.
      diffOffThread: (workspace) =>
        options.launchWorker ? workspaceDiff(workspace) : (this.sessionPool().run({ workspace }, { name: 'workspaceDiffTask' }) as Promise<WorkspaceDiff>),
    });
  }

  sessionEvents(sessionId: string): Observable<SessionEvent> {
    const record = this.records.get(sessionId);
    return record ? record.events$.asObservable() : EMPTY;
  }

  chunks(sessionId: string): Observable<SequencedChunk> {
    return this.sessionEvents(sessionId).pipe(
      filter((event): event is Extract<SessionEvent, { type: 'chunk' }> => event.type === 'chunk'),
      map(toSequencedChunk),
    );
  }

  async start(spec: SessionSpec): Promise<string> {
    this.assertRunning();
    const backend = spec.backend ?? this.options.defaultBackend ?? 'sim';
    const live = [...this.records.values()].filter((record) => record.worker !== null).length;
    if (live + this.pendingStarts >= this.maxSessions) {
      throw troupeError('SESSION_LIMIT', `session limit reached: ${this.maxSessions} live sessions (raise maxSessions to run more)`);
    }
    this.pendingStarts += 1;
    try {
      const sessionId = uuidv4();
      const now = this.clock.now();
      const policy = resolveRestartPolicy(this.defaultPolicy, spec.restartPolicy ?? {});
      const resolved = await resolveSessionSpec({ ...spec, backend }, sessionId, now, this.specDefaults);
      const state = createSessionState({
        sessionId,
        beadId: spec.beadId,
        persona: spec.persona,
        backendId: backend,
        task: resolved.task,
        model: spec.model,
        createdAt: now,
        logPath: resolved.logPath,
        permissionMode: resolved.permissions?.mode,
        workspace: resolved.worktree,
      });
      const record = new SessionRecord(state, resolved, policy, initialRestartState(now));
      record.turnRequested = true;
      this.records.set(sessionId, record);
      this.launchWorker(record, undefined);
      this.emit({ type: 'session-created', sessionId, info: record.info });
      if (this.active === null) this.switchActive(sessionId);
      this.listChanged(true);
      return sessionId;
    } finally {
      this.pendingStarts -= 1;
    }
  }

  async send(message: string, sessionId?: string): Promise<void> {
    const record = this.target(sessionId);
    const { status } = record.info;
    if (status === 'failed' || status === 'stopped') {
      throw troupeError('SESSION_ENDED', `session ${record.info.sessionId} is ${status}; revive it to continue`);
    }
    if (status !== 'idle' || record.turnRequested) {
      throw troupeError('SESSION_BUSY', `session ${record.info.sessionId} is ${status}; wait for its turn to end`);
    }
    const turn: TurnMessage = { text: message, source: 'person' };
    record.turnRequested = true;
    if (!record.worker) {
      this.launchWorker(record, { by: 'worker-replaced', state: record.state, message: turn, newTurn: true });
      return;
    }
    try {
      await record.worker.call((api) => api.send(turn));
    } catch (error) {
      record.turnRequested = false;
      record.checkSettled();
      throw error;
    }
  }

  async interrupt(sessionId?: string): Promise<void> {
    const record = this.target(sessionId);
    const { status } = record.info;
    if (record.worker && (status === 'running' || status === 'waiting')) await record.worker.call((api) => api.interrupt());
  }

  async answerPermission(sessionId: string, requestId: string, answer: PermissionAnswer): Promise<void> {
    await answerPermission(this.target(sessionId), requestId, answer);
  }

  async stop(sessionId?: string): Promise<void> {
    await this.stopRecords([this.target(sessionId)], 'user');
  }

  async terminate(sessionId: string): Promise<void> {
    const record = this.target(sessionId);
    await this.stopRecords([record], 'user');
    await this.workspaces.release(sessionId);
    const neighbour = this.neighbourOf(sessionId);
    this.records.delete(sessionId);
    record.events$.complete();
    if (this.active === sessionId) this.switchActiveTo(neighbour);
    this.emit({ type: 'session-terminated', sessionId, reason: 'terminated by user' });
    this.listChanged(true);
  }

  async revive(sessionId: string, message?: string): Promise<void> {
    const record = this.target(sessionId);
    if (record.isLive) throw troupeError('SESSION_BUSY', `session ${sessionId} is ${record.info.status}, not stopped or failed`);
    await this.workspaces.prepareRevival(record);
    await this.waitForWorkerEnd(record);
    record.stopRequested = false;
    record.restartState = initialRestartState(this.clock.now());
    const turn: TurnMessage = message
      ? { text: message, source: 'person' }
      : record.info.cliSessionId
        ? { text: buildResumePrompt('the session was stopped'), source: 'troupe' }
        : this.firstTurn(record);
    record.turnRequested = true;
    this.launchWorker(record, { by: 'user', state: record.state, message: turn, newTurn: true });
    this.listChanged(true);
  }

  /** Takes a session known only from its log (after troupe itself restarted) into the table, ended. */
  adopt(session: AdoptedSession): void {
    const sessionId = session.state.info.sessionId;
    if (this.records.has(sessionId)) return;
    const now = this.clock.now();
    // The mode it runs with is the one troupe resolved, never one a log says.
    const info = { ...session.state.info };
    if (session.spec.permissions) info.permissionMode = session.spec.permissions.mode;
    else delete info.permissionMode;
    const record = new SessionRecord({ ...session.state, info }, session.spec, resolveRestartPolicy(this.defaultPolicy, session.spec.restartPolicy ?? {}), initialRestartState(now));
    this.records.set(sessionId, record);
    this.emit({ type: 'session-created', sessionId, info: record.info });
    this.listChanged(true);
  }

  list(): SessionInfo[] {
    return [...this.records.values()].map((record) => record.info);
  }

  get(sessionId: string): SessionInfo | undefined {
    return this.records.get(sessionId)?.info;
  }

  switchActive(sessionId: string): void {
    if (!this.records.has(sessionId)) throw unknownSession(sessionId);
    this.switchActiveTo(sessionId);
  }

  getActive(): string | null {
    return this.active;
  }

  whenSettled(sessionId: string): Promise<SessionInfo> {
    return this.target(sessionId).whenSettled();
  }

  /** Project root and defaults the sessions are resolved with (for adopting logs). */
  get defaults(): Readonly<SpecDefaults> {
    return this.specDefaults;
  }

  shutdown(): Promise<void> {
    this.shuttingDown ??= this.runShutdown();
    return this.shuttingDown;
  }

  private async runShutdown(): Promise<void> {
    await this.stopRecords([...this.records.values()], 'shutdown');
    // Nothing left behind: empty workspaces go, the others are marked left with their work.
    const ran = [...this.records.values()].filter((record) => record.ranHere);
    await Promise.all(ran.map((record) => this.workspaces.release(record.info.sessionId).catch(() => undefined)));
    if (this.listTimer !== null) this.clock.clearTimeout(this.listTimer);
    this.listTimer = null;
    this.publishList();
    if (this.pool) await this.pool.destroy();
    for (const record of this.records.values()) record.events$.complete();
    this.eventSubject.complete();
    this.sessionList.complete();
  }

  private sessionPool(): Piscina {
    this.pool ??= createSessionPool({
      maxSessions: this.maxSessions,
      warmThreads: this.options.warmThreads ?? 2,
      resourceLimits: this.options.workerResourceLimits,
    });
    return this.pool;
  }

  /** Stops sessions in parallel: their agents are ended from here while their workers finish their logs. */
  private async stopRecords(records: SessionRecord[], reason: 'user' | 'shutdown'): Promise<void> {
    for (const record of records) record.stopRequested = true;
    // Should /proc fail us here, each worker still ends its own agent (after its grace).
    const { shutdownMs, childRegistryDir } = this.specDefaults;
    const ending = endAgents(records.map((record) => record.worker), shutdownMs, childRegistryDir).catch(() => undefined);
    await Promise.all([ending, ...records.map((record) => this.stopRecord(record, reason))]);
  }

  private stopRecord(record: SessionRecord, reason: 'user' | 'shutdown'): Promise<void> {
    const running = this.stopping.get(record);
    if (running) return running;
    const stop = this.runStopRecord(record, reason).finally(() => this.stopping.delete(record));
    this.stopping.set(record, stop);
    return stop;
  }

  private async runStopRecord(record: SessionRecord, reason: 'user' | 'shutdown'): Promise<void> {
    record.stopRequested = true;
    if (record.restartTimer !== null) {
      this.clock.clearTimeout(record.restartTimer);
      record.restartTimer = null;
    }
    const worker = record.worker;
    let detail: string | undefined;
    if (worker) {
      let stuck: TimerHandle | null = null;
      // One that has not taken its session over yet is dropped instead (and then never takes it).
      if (!worker.giveUpUnlessStarted('stopped before its worker thread started')) {
        // A stop (or troupe's own shutdown) never hangs on a stuck thread: it is ended, and its agent with it.
        const boundMs = 3 * this.specDefaults.shutdownMs + STUCK_WORKER_MARGIN_MS;
        stuck = this.clock.setTimeout(() => {
          if (worker.isGone) return; // it ended on its own meanwhile
          detail = `its worker thread had not ended ${Math.round(boundMs / 1000)} s after the stop, so troupe ended it`;
          worker.abort(detail);
        }, boundMs);
        try {
          await worker.call((api) => api.stop(reason));
        } catch {
          // Ended or died meanwhile: the outcome handler has killed what was left.
        }
      }
      await this.waitForWorkerEnd(record);
      if (stuck !== null) this.clock.clearTimeout(stuck);
    }
    // No worker ran it (it died, or never came up): the supervisor ends it in the log itself.
    if (record.isLive) await this.publishOwn(record, { type: 'stopped', reason, ...(detail ? { detail } : {}) }, true);
  }

  private launchWorker(record: SessionRecord, resume: WorkerResumeState | undefined): void {
    const backlog = record.backlog;
    if (resume && backlog.length > 0) {
      resume = { ...resume, backlog };
      record.backlog = [];
    }
    record.ranHere = true;
    const detached = (record.workerDetached = signal());
    let worker!: SessionWorker;
    worker = this.launcher(record.spec, resume, (batch: WorkerDataBatch) => {
      if (record.worker === worker) this.onBatch(record, batch);
    });
    record.worker = worker;
    const startTimeoutMs = this.options.workerStartTimeoutMs ?? DEFAULT_WORKER_START_TIMEOUT_MS;
    // A worker that has taken its session over is slow, not stuck (a loaded machine): never dropped for it.
    const startTimer = this.clock.setTimeout(() => {
      worker.giveUpUnlessStarted(`the worker thread did not start within ${startTimeoutMs / 1000} s`);
    }, startTimeoutMs);
    void worker.outcome.then(async (outcome) => {
      this.clock.clearTimeout(startTimer);
      // Before anything else can run (a restart, a new worker): every event it posted, at once.
      worker.drain();
      if (!outcome.ended) await this.killOrphanedAgent(record, worker);
      // Given up before it took over (a start timeout): it never wrote the backlog, the next one must.
      if (resume && !worker.tookOver) record.backlog = [...backlog, ...record.backlog];
      if (record.worker !== worker) return;
      record.worker = null;
      worker.close();
      detached.fire();
      this.agentPriority.changed(); // its orphan, if any, was ended above
      if (!outcome.ended) await this.onWorkerDeath(record, outcome.error);
      record.checkSettled();
      this.listChanged(true);
    });
  }

  private onBatch(record: SessionRecord, batch: WorkerDataBatch): void {
    for (const event of batch.events) this.apply(record, event);
  }

  /** Folds one event into the session and carries out what follows from it. */
  private apply(record: SessionRecord, event: SessionEvent): void {
    const sessionId = record.info.sessionId;
    const before = record.info;
    record.state = applySessionEvent(record.state, event);
    const info = record.info;
    // The turn asked for has begun, or the session ended before it could.
    if (event.type === 'user' || event.type === 'stopped') record.turnRequested = false;
    if (event.type === 'user' && (event.own ?? (event.source === 'person' ? event.text : undefined))) record.lastWords = event.own ?? event.text;
    else if (event.type === 'stderr') record.noteStderr(event.line);
    else if (event.type === 'permission-resolved') record.noteResolved(event.requestId, event.by);
    else if (event.type === 'spawn') record.restartState = noteStarted(record.restartState, event.at);
    if (event.type === 'spawn') this.agentPriority.changed(event.pid);
    else if (event.type === 'exit') this.agentPriority.changed();
    record.events$.next(event);
    this.emit({ type: 'session-event', sessionId, event });
    if (info.status !== before.status) {
      if (info.status === 'restarting' && info.restart) this.emit({ type: 'session-restarting', sessionId, ...info.restart });
      if (info.status === 'failed') this.emit({ type: 'session-failed', sessionId, reason: info.reason ?? 'failed', stderrTail: [...record.stderrTail] });
    }
    if (event.type === 'exit' && event.abnormal && !record.stopRequested) void this.onCrash(record, event.reason, event.fatal);
    record.checkSettled();
    this.listChanged(info.status !== before.status);
  }

  /**
   * Publishes an event the supervisor decided: through the session's worker when it has one (the
   * worker logs and numbers it), else logs it here and folds it.
   */
  private async publishNote(record: SessionRecord, body: Extract<SessionEventBody, { type: 'restart-scheduled' }>): Promise<void> {
    const worker = record.worker;
    if (worker && !worker.isGone) {
      try {
        await worker.call((api) => api.note(body));
        return;
      } catch {
        await this.waitForWorkerEnd(record);
      }
    }
    await this.publishOwn(record, body, false);
  }

  /** Logs and folds an event while no worker runs the session (a footer after a stop). */
  private async publishOwn(record: SessionRecord, body: SessionEventBody, withFooter: boolean): Promise<void> {
    const at = this.clock.now();
    const event = { ...body, seq: record.state.lastSeq + 1, at } as SessionEvent;
    const after = applySessionEvent(record.state, event).info;
    const lines: Parameters<typeof appendToSessionLog>[1][number][] = [event];
    if (withFooter && event.type === 'stopped') {
      lines.push({
        type: 'footer',
        reason: event.reason,
        ...(event.detail ? { detail: event.detail } : {}),
        endedAt: at,
        totals: { turns: after.turns, ...after.totals, restarts: after.restarts },
      });
    }
    try {
      // No log yet (its worker never came up): the next worker writes these after the header.
      if (!(await appendToSessionLog(record.spec.logPath, lines))) record.backlog.push(event);
    } catch (error) {
      // Told rather than hidden: the event still counts, and the failure is an event of its own.
      this.apply(record, event);
      this.apply(record, { type: 'log-error', message: `troupe could not write the session log: ${messageOf(error)}`, seq: event.seq + 1, at } as SessionEvent);
      return;
    }
    this.apply(record, event);
  }

  private async onCrash(record: SessionRecord, reason: string, fatal: boolean): Promise<void> {
    const now = this.clock.now();
    const decision = fatal
      ? { action: 'give-up' as const, reason: `${reason} (restarting cannot help)`, state: record.restartState }
      : decideRestart(record.policy, record.restartState, { abnormal: true, reason }, now, this.random);
    record.restartState = decision.state;
    if (decision.action === 'restart') {
      await this.publishNote(record, { type: 'restart-scheduled', attempt: decision.attempt, delayMs: decision.delayMs, reason });
      if (record.stopRequested) return;
      record.restartTimer = this.clock.setTimeout(() => this.runRestart(record, decision.attempt, reason), decision.delayMs);
      return;
    }
    await this.fail(record, decision.action === 'give-up' ? decision.reason : `${reason} (restart type ${record.policy.restart}: not restarted)`);
  }

  private runRestart(record: SessionRecord, attempt: number, reason: string): void {
    record.restartTimer = null;
    if (record.stopRequested || record.info.status !== 'restarting') return;
    const message: TurnMessage = record.info.cliSessionId ? { text: buildResumePrompt(reason), source: 'troupe' } : this.firstTurn(record);
    const worker = record.worker;
    if (!worker || worker.isGone) {
      this.launchWorker(record, { by: 'worker-replaced', state: record.state, message, newTurn: false, attempt });
      return;
    }
    worker.call((api) => api.restart({ attempt, message })).catch(() => {
      // A worker that died meanwhile is handled by its outcome, which restarts again.
    });
  }

  private async fail(record: SessionRecord, reason: string): Promise<void> {
    const worker = record.worker;
    if (worker && !worker.isGone) {
      try {
        await worker.call((api) => api.stop('failed', reason));
        return;
      } catch {
        await this.waitForWorkerEnd(record);
      }
    }
    if (record.isLive) await this.publishOwn(record, { type: 'stopped', reason: 'failed', detail: reason }, true);
  }

  private async onWorkerDeath(record: SessionRecord, error: string): Promise<void> {
    if (record.stopRequested || !record.isLive) return;
    await this.publishOwn(record, { type: 'worker-died', error }, false);
    const { status } = record.info;
    if (status === 'idle' && !record.turnRequested) return; // No turn was running: the next send starts a new worker.
    if (status === 'restarting' && record.restartTimer !== null) return; // The pending restart brings a new worker.
    await this.onCrash(record, `worker thread died: ${error}`, false);
  }

  private firstTurn(record: SessionRecord): TurnMessage {
    const own = record.spec.prompt?.trim();
    return { text: record.spec.firstPrompt, source: 'template', ...(own ? { own } : {}) };
  }

  /** A dying worker does not take its agent with it: kill the group from here. */
  private async killOrphanedAgent(record: SessionRecord, worker: SessionWorker): Promise<void> {
    const pid = worker.agentPid();
    if (pid <= 0) return;
    await terminateProcessTree(pid, { graceMs: Math.min(this.specDefaults.shutdownMs, 2_000) });
    await unregisterChildAsync(record.spec.childRegistryDir, pid);
  }

  private async waitForWorkerEnd(record: SessionRecord): Promise<void> {
    while (record.worker) await record.workerDetached.promise;
  }

  private target(sessionId: string | undefined): SessionRecord {
    const id = sessionId ?? this.active;
    if (id === null || id === undefined) throw troupeError('NO_ACTIVE_SESSION', 'no session given and no active session');
    const record = this.records.get(id);
    if (!record) throw unknownSession(id);
    return record;
  }

  /** The session listed after this one (newest first), else the one before: where the selection goes. */
  private neighbourOf(sessionId: string): string | null {
    const ids = [...this.records.values()].sort((a, b) => b.info.createdAt - a.info.createdAt).map((r) => r.info.sessionId);
    const index = ids.indexOf(sessionId);
    return ids[index + 1] ?? ids[index - 1] ?? null;
  }

  private switchActiveTo(sessionId: string | null): void {
    if (this.active === sessionId) return;
    this.active = sessionId;
    this.emit({ type: 'active-session-changed', sessionId });
  }

  private assertRunning(): void {
    if (this.shuttingDown) throw troupeError('SESSION_ENDED', 'troupe is shutting down');
  }

  private emit(event: SupervisorEvent): void {
    this.eventSubject.next(event);
  }

  /** Status changes publish at once; activity and totals are coalesced, so a flood stays cheap. */
  private listChanged(urgent: boolean): void {
    if (urgent) {
      if (this.listTimer !== null) this.clock.clearTimeout(this.listTimer);
      this.listTimer = null;
      this.publishList();
      return;
    }
    this.listTimer ??= this.clock.setTimeout(() => {
      this.listTimer = null;
      this.publishList();
    }, LIST_COALESCE_MS);
  }

  private publishList(): void {
    if (this.sessionList.closed) return;
    const sessions = this.list();
    this.sessionList.next(sessions);
    this.emit({ type: 'session-list-changed', sessions });
  }
}

function unknownSession(sessionId: string): Error {
  return troupeError('UNKNOWN_SESSION', `unknown session id ${quoted(sessionId)}`);
}
