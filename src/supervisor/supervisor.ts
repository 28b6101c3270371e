import { BehaviorSubject, EMPTY, Observable, Subject } from 'rxjs';
import { v4 as uuidv4 } from 'uuid';
import type { Piscina } from 'piscina';
import type {
  RestartPolicyConfig,
  SequencedChunk,
  SessionInfo,
  SessionSpec,
  SupervisorEvent,
} from '../protocol/index.js';
import type { WorkerDataBatch, WorkerDataItem, WorkerResumeState } from '../protocol/worker-messages.js';
import { troupeError } from '../errors/troupe-error.js';
import { buildResumePrompt } from '../personas/index.js';
import { terminateProcessTree } from '../process/kill-group.js';
import { defaultChildRegistryDir, unregisterChildAsync } from '../process/child-registry.js';
import { systemClock } from './clock.js';
import { decideRestart, initialRestartState, noteStarted, resolveRestartPolicy } from './restart-policy.js';
import { resolveSessionSpec, type SpecDefaults } from './resolve-spec.js';
import { SessionRecord, signal } from './session-record.js';
import type { Clock, SupervisorApi, SupervisorOptions } from './types.js';
import { WorkerLink } from './worker-link.js';
import { createSessionPool } from './worker-pool.js';

const LIST_COALESCE_MS = 100;
/** A worker that has sent nothing by then never came up (piscina stuck, bootstrap failure). */
const DEFAULT_WORKER_START_TIMEOUT_MS = 30_000;
/** How long to wait for a worker's in-band end item after its task finished. */
const END_ITEM_WAIT_MS = 1_000;

/**
 * The Supervisor actor (main thread). Holds the session table (metadata only), runs one worker
 * thread per session, applies the restart policy, and publishes sessions$, events$ and chunks.
 */
export class Supervisor implements SupervisorApi {
  readonly sessions$ = new BehaviorSubject<SessionInfo[]>([]);
  private readonly eventSubject = new Subject<SupervisorEvent>();
  readonly events$: Observable<SupervisorEvent> = this.eventSubject.asObservable();

  private readonly records = new Map<string, SessionRecord>();
  private readonly pool: Piscina;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly defaultPolicy: RestartPolicyConfig;
  private readonly specDefaults: SpecDefaults;
  private readonly maxSessions: number;
  private active: string | null = null;
  private pendingStarts = 0;
  private listTimer: NodeJS.Timeout | null = null;
  private shuttingDown: Promise<void> | null = null;

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
    };
    this.pool = createSessionPool({
      maxSessions: this.maxSessions,
      warmThreads: options.warmThreads ?? 2,
      resourceLimits: options.workerResourceLimits,
    });
  }

  chunks(sessionId: string): Observable<SequencedChunk> {
    const record = this.records.get(sessionId);
    return record ? record.chunks$.asObservable() : EMPTY;
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
      const record = new SessionRecord(
        {
          sessionId,
          beadId: spec.beadId,
          persona: spec.persona,
          backendId: backend,
          task: resolved.task,
          model: spec.model,
          status: 'starting',
          createdAt: now,
          lastActivity: now,
          turns: 0,
          restarts: 0,
          totals: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
          logPath: resolved.logPath,
        },
        resolved,
        policy,
        initialRestartState(now),
      );
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
    if (record.status === 'failed' || record.status === 'stopped') {
      throw troupeError('SESSION_ENDED', `session ${record.info.sessionId} is ${record.status}; revive it to continue`);
    }
    if (record.status !== 'idle') {
      throw troupeError('SESSION_BUSY', `session ${record.info.sessionId} is ${record.status}; wait for its turn to end`);
    }
    record.update({ status: 'running', lastActivity: this.clock.now() });
    this.listChanged(true);
    if (!record.worker) {
      this.launchWorker(record, this.resumeState(record, 'user', message));
      return;
    }
    try {
      await record.worker.call((api) => api.send(message));
    } catch (error) {
      // The worker's death is handled by its outcome; a refusal leaves the session as it was.
      if (!record.worker?.isGone) record.update({ status: 'idle' });
      this.listChanged(true);
      throw error;
    }
  }

  async interrupt(sessionId?: string): Promise<void> {
    const record = this.target(sessionId);
    if (record.worker && record.status === 'running') await record.worker.call((api) => api.interrupt());
  }

  async stop(sessionId?: string): Promise<void> {
    await this.stopRecord(this.target(sessionId), 'user');
  }

  async terminate(sessionId: string): Promise<void> {
    const record = this.target(sessionId);
    await this.stopRecord(record, 'user');
    this.records.delete(sessionId);
    record.chunks$.complete();
    if (this.active === sessionId) this.switchActiveTo(this.records.keys().next().value ?? null);
    this.emit({ type: 'session-terminated', sessionId, reason: 'terminated by user' });
    this.listChanged(true);
  }

  async revive(sessionId: string, message?: string): Promise<void> {
    const record = this.target(sessionId);
    if (record.isLive) throw troupeError('SESSION_BUSY', `session ${sessionId} is ${record.status}, not stopped or failed`);
    await this.waitForWorkerEnd(record);
    record.stopRequested = false;
    record.restartState = initialRestartState(this.clock.now());
    const text = message ?? (record.info.cliSessionId ? buildResumePrompt('the session was stopped') : record.spec.firstPrompt);
    record.update({ status: 'running', reason: undefined, restart: undefined, lastActivity: this.clock.now() });
    this.launchWorker(record, this.resumeState(record, 'user', text));
    this.listChanged(true);
  }

  /** Continues a session known only from its log (after troupe itself restarted). */
  adopt(info: SessionInfo, spec: SessionSpec & Partial<Pick<SessionRecord['spec'], 'firstPrompt'>>, lastSeq: number): void {
    if (this.records.has(info.sessionId)) return;
    const now = this.clock.now();
    const record = new SessionRecord(
      { ...info, status: 'stopped', pid: undefined, restart: undefined },
      {
        ...spec,
        sessionId: info.sessionId,
        projectRoot: this.specDefaults.projectRoot,
        cwd: spec.cwd ?? this.specDefaults.projectRoot,
        firstPrompt: spec.firstPrompt ?? spec.prompt ?? '',
        logPath: info.logPath ?? '',
        shutdownMs: this.specDefaults.shutdownMs,
        inactivityTimeoutMs: spec.inactivityTimeoutMs ?? this.specDefaults.inactivityTimeoutMs,
        childRegistryDir: this.specDefaults.childRegistryDir,
      },
      resolveRestartPolicy(this.defaultPolicy, spec.restartPolicy ?? {}),
      initialRestartState(now),
    );
    record.lastSeq = lastSeq;
    // One conversation thread: its running totals are the session's totals so far.
    record.usage.restore({ totals: { ...info.totals }, lastProcess: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, lastThread: { ...info.totals } });
    this.records.set(info.sessionId, record);
    this.emit({ type: 'session-created', sessionId: info.sessionId, info: record.info });
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

  shutdown(): Promise<void> {
    this.shuttingDown ??= this.runShutdown();
    return this.shuttingDown;
  }

  private async runShutdown(): Promise<void> {
    await Promise.all([...this.records.values()].map((record) => this.stopRecord(record, 'shutdown')));
    if (this.listTimer) clearTimeout(this.listTimer);
    this.publishList();
    await this.pool.destroy();
    for (const record of this.records.values()) record.chunks$.complete();
    this.eventSubject.complete();
    this.sessions$.complete();
  }

  private async stopRecord(record: SessionRecord, reason: 'user' | 'shutdown'): Promise<void> {
    record.stopRequested = true;
    if (record.restartTimer !== null) {
      this.clock.clearTimeout(record.restartTimer);
      record.restartTimer = null;
    }
    const worker = record.worker;
    if (worker && !worker.started) worker.abort('stopped before its worker thread started');
    if (worker) {
      try {
        await worker.call((api) => api.stop(reason));
      } catch {
        // Ended or died meanwhile: the outcome handler has killed what was left.
      }
      await this.waitForWorkerEnd(record);
    }
    if (record.isLive) {
      record.update({ status: 'stopped', reason: reason === 'user' ? 'stopped by user' : 'troupe shut down', pid: undefined, restart: undefined });
      this.listChanged(true);
    }
  }

  private launchWorker(record: SessionRecord, resume: WorkerResumeState | undefined): void {
    record.endItem = signal();
    const detached = (record.workerDetached = signal());
    const worker = new WorkerLink(this.pool, record.spec, resume, (batch: WorkerDataBatch) => {
      if (record.worker === worker) this.onBatch(record, batch);
    });
    record.worker = worker;
    const startTimeoutMs = this.options.workerStartTimeoutMs ?? DEFAULT_WORKER_START_TIMEOUT_MS;
    const startTimer = setTimeout(() => {
      if (!worker.started) worker.abort(`the worker thread did not start within ${startTimeoutMs / 1000} s`);
    }, startTimeoutMs);
    void worker.outcome.then(async (outcome) => {
      clearTimeout(startTimer);
      if (outcome.ended) {
        // The end item travels on another channel than the task's result: wait for it briefly.
        await Promise.race([record.endItem.promise, delay(END_ITEM_WAIT_MS)]);
      } else {
        await this.killOrphanedAgent(record, worker);
      }
      if (record.worker !== worker) return;
      record.worker = null;
      worker.close();
      detached.fire();
      if (!outcome.ended) this.onWorkerDeath(record, outcome.error);
      this.listChanged(true);
    });
  }

  private onBatch(record: SessionRecord, batch: WorkerDataBatch): void {
    for (const item of batch.items) this.onItem(record, item);
  }

  private onItem(record: SessionRecord, item: WorkerDataItem): void {
    const sessionId = record.info.sessionId;
    switch (item.t) {
      case 'chunk': {
        const chunk = item.chunk;
        record.lastSeq = chunk.seq;
        const patch: Partial<SessionInfo> = { lastActivity: chunk.at };
        if (record.status === 'starting' || record.status === 'restarting') {
          patch.status = 'running';
          patch.restart = undefined;
        }
        if (chunk.kind === 'session') patch.cliSessionId = chunk.cliSessionId;
        if (chunk.kind === 'usage') {
          record.usage.add(chunk);
          patch.totals = { ...record.usage.totals };
        }
        record.update(patch);
        this.emit({ type: 'agent-chunk', sessionId, chunk });
        record.chunks$.next(chunk);
        this.listChanged(patch.status !== undefined);
        return;
      }
      case 'stderr':
        record.noteStderr(item.line);
        this.emit({ type: 'agent-stderr', sessionId, line: item.line, at: item.at });
        return;
      case 'turn-start':
        record.update({ turns: item.turn, lastActivity: item.at, status: record.status === 'idle' ? 'running' : record.status });
        this.listChanged(true);
        return;
      case 'spawn':
        record.usage.beginProcess();
        record.restartState = noteStarted(record.restartState, this.clock.now());
        record.update({ pid: item.pid, status: record.status === 'starting' || record.status === 'restarting' ? 'running' : record.status, restart: undefined });
        this.listChanged(true);
        return;
      case 'turn-done':
        record.update({ status: 'idle', lastTurnOk: item.ok, reason: item.reason, lastActivity: item.at });
        this.listChanged(true);
        return;
      case 'exit':
        record.update({ pid: undefined });
        if (item.abnormal && !record.stopRequested) this.onCrash(record, item.reason, item.fatal);
        this.listChanged(false);
        return;
      case 'log-error':
        record.update({ reason: `session log failed: ${item.message}` });
        this.emit({ type: 'agent-stderr', sessionId, line: `troupe: session log failed: ${item.message}`, at: item.at });
        return;
      case 'end':
        record.endItem.fire();
        if (record.isLive) {
          const failed = item.reason === 'failed' || item.reason === 'log-error';
          record.update({ status: failed ? 'failed' : 'stopped', reason: item.detail ?? record.info.reason, pid: undefined });
        }
        this.listChanged(true);
        return;
    }
  }

  private onCrash(record: SessionRecord, reason: string, fatal: boolean): void {
    const now = this.clock.now();
    const decision = fatal
      ? { action: 'give-up' as const, reason: `${reason} (restarting cannot help)`, state: record.restartState }
      : decideRestart(record.policy, record.restartState, { abnormal: true, reason }, now, this.random);
    record.restartState = decision.state;
    if (decision.action === 'restart') {
      this.scheduleRestart(record, decision.attempt, decision.delayMs, reason);
    } else {
      this.fail(record, decision.action === 'give-up' ? decision.reason : `${reason} (restart type ${record.policy.restart}: not restarted)`);
    }
  }

  private onWorkerDeath(record: SessionRecord, error: string): void {
    if (record.stopRequested || !record.isLive) return;
    const reason = `worker thread died: ${error}`;
    record.noteStderr(`troupe: ${reason}`);
    this.emit({ type: 'agent-stderr', sessionId: record.info.sessionId, line: `troupe: ${reason}`, at: this.clock.now() });
    if (record.status === 'idle') return; // No turn was running: the next send starts a new worker.
    if (record.status === 'restarting' && record.restartTimer !== null) return; // The pending restart brings a new worker.
    this.onCrash(record, reason, false);
  }

  private scheduleRestart(record: SessionRecord, attempt: number, delayMs: number, reason: string): void {
    const sessionId = record.info.sessionId;
    record.update({ status: 'restarting', restarts: record.info.restarts + 1, restart: { attempt, delayMs, reason } });
    this.emit({ type: 'session-restarting', sessionId, attempt, delayMs, reason });
    this.listChanged(true);
    record.restartTimer = this.clock.setTimeout(() => {
      record.restartTimer = null;
      if (record.stopRequested || record.status !== 'restarting') return;
      const message = record.info.cliSessionId ? buildResumePrompt(reason) : record.spec.firstPrompt;
      const worker = record.worker;
      if (!worker || worker.isGone) {
        const resume = this.resumeState(record, 'worker-replaced', message);
        resume.restart = { attempt, delayMs, reason };
        this.launchWorker(record, resume);
        return;
      }
      worker.call((api) => api.restart({ attempt, delayMs, reason, message })).catch(() => {
        // A worker that died meanwhile is handled by its outcome, which restarts again.
      });
    }, delayMs);
  }

  private fail(record: SessionRecord, reason: string): void {
    const sessionId = record.info.sessionId;
    record.update({ status: 'failed', reason, restart: undefined, pid: undefined });
    this.emit({ type: 'session-failed', sessionId, reason, stderrTail: [...record.stderrTail] });
    this.listChanged(true);
    record.worker?.call((api) => api.stop('failed', reason)).catch(() => {});
  }

  private resumeState(record: SessionRecord, by: WorkerResumeState['by'], message: string): WorkerResumeState {
    return {
      by,
      cliSessionId: record.info.cliSessionId,
      turns: record.info.turns,
      lastSeq: record.lastSeq,
      restarts: record.info.restarts - (by === 'worker-replaced' ? 1 : 0),
      message,
      usage: record.usage.snapshot(),
    };
  }

  /** A dying worker does not take its agent with it: kill the group from here. */
  private async killOrphanedAgent(record: SessionRecord, worker: WorkerLink): Promise<void> {
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
      if (this.listTimer) clearTimeout(this.listTimer);
      this.listTimer = null;
      this.publishList();
      return;
    }
    this.listTimer ??= setTimeout(() => {
      this.listTimer = null;
      this.publishList();
    }, LIST_COALESCE_MS);
  }

  private publishList(): void {
    if (this.sessions$.closed) return;
    const sessions = this.list();
    this.sessions$.next(sessions);
    this.emit({ type: 'session-list-changed', sessions });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function unknownSession(sessionId: string): Error {
  return troupeError('UNKNOWN_SESSION', `unknown session id "${sessionId}"`);
}
