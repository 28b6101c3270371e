/**
 * The benchmark's baseline: the same sessions with no worker threads. The same simulated agents
 * are spawned by the same code (execa, own process group, the same bounded line splitter), their
 * lines parsed by the same Claude parser and logged by the same synchronous log writer, all on
 * the main thread; chunks go straight to each session's Subject. It has no restarts (a crashed
 * turn fails the session): it is the simple, honest way to do it in-thread.
 */
import { Subject, EMPTY, type Observable } from 'rxjs';
import { v4 as uuidv4 } from 'uuid';
import { getBackend } from '../backends/registry.js';
import type { BackendPlugin, LineParser } from '../backends/types.js';
import { troupeError } from '../errors/troupe-error.js';
import { signalGroup, terminateProcessTree } from '../process/kill-group.js';
import type { SequencedChunk, SessionEventBody, SessionInfo, SessionSpec } from '../protocol/index.js';
import type { ResolvedSessionSpec } from '../protocol/worker-messages.js';
import { resolveSessionSpec } from '../supervisor/resolve-spec.js';
import type { StressTarget } from '../stress/target.js';
import { spawnAgentProcess, type AgentProcess } from '../workers/agent-process.js';
import { MAX_LINE_BYTES } from '../workers/session-runner.js';
import { SessionLogWriter } from '../logs/writer.js';
import type { LogFooter } from '../logs/records.js';
import { logHeader } from '../logs/log-header.js';

const SHUTDOWN_MS = 2_000;

class InThreadSession {
  readonly chunks$ = new Subject<SequencedChunk>();
  info: SessionInfo;
  private readonly backend: BackendPlugin;
  private readonly writer: SessionLogWriter | null;
  private readonly longLived: boolean;
  private seq = 0;
  private proc: AgentProcess | null = null;
  private parser: LineParser | null = null;
  private turnActive = false;
  private interrupted = false;
  private waiters: Array<(info: SessionInfo) => void> = [];

  constructor(readonly spec: ResolvedSessionSpec) {
    this.backend = getBackend(spec.backend);
    this.longLived = spec.longLived === true && this.backend.capabilities.longLived && this.backend.encodeUserMessage !== undefined;
    const now = Date.now();
    this.info = {
      sessionId: spec.sessionId,
      persona: spec.persona,
      backendId: spec.backend,
      status: 'starting',
      createdAt: now,
      lastActivity: now,
      turns: 0,
      restarts: 0,
      totals: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      logPath: spec.logPath,
    };
    let writer: SessionLogWriter | null = null;
    try {
      writer = SessionLogWriter.create(spec.logPath, logHeader(spec, now, process.pid, undefined));
    } catch (error) {
      this.settle('failed', `session log failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.writer = writer;
  }

  /** Numbers and logs one event, as troupe's worker does; false when the log failed. */
  private log(body: SessionEventBody, at = Date.now()): boolean {
    if (!this.writer || this.writer.broken) return false;
    this.seq += 1;
    try {
      this.writer.append({ ...body, seq: this.seq, at } as Parameters<SessionLogWriter['append']>[0]);
      return true;
    } catch (error) {
      this.settle('failed', `session log failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  private closeLog(footer: LogFooter): void {
    try {
      this.writer?.close(footer);
    } catch {
      // Reported by the failed append that broke it.
    }
  }

  get settled(): boolean {
    return this.info.status === 'idle' || this.info.status === 'stopped' || this.info.status === 'failed';
  }

  runTurn(text: string): void {
    const turn = this.info.turns + 1;
    this.info = { ...this.info, turns: turn, status: this.info.status === 'starting' ? 'starting' : 'running' };
    this.turnActive = true;
    this.interrupted = false;
    this.log({ type: 'user', turn, text, source: 'person' });
    if (this.longLived && this.proc) {
      this.proc.writeStdin(this.backend.encodeUserMessage!(text));
      return;
    }
    this.spawn(text);
  }

  private spawn(text: string): void {
    const mode = this.longLived ? 'long-lived' : this.info.cliSessionId ? 'resume' : 'new';
    const command = this.backend.commandLine({
      prompt: text,
      mode,
      cliSessionId: this.info.cliSessionId,
      model: this.spec.model,
      cwd: this.spec.cwd,
      extraArgs: this.spec.extraArgs,
    });
    this.parser = this.backend.createParser();
    let lastDone: { ok: boolean } | null = null;
    const proc = spawnAgentProcess(
      command,
      { cwd: this.spec.cwd, env: this.spec.env ?? {}, maxLineBytes: MAX_LINE_BYTES },
      {
        stdoutLine: (line) => {
          const done = this.onLine(line);
          if (done) lastDone = done;
        },
        stdoutOversize: () => undefined,
        stderrLine: (line) => this.log({ type: 'stderr', line }),
      },
    );
    this.proc = proc;
    const pid = proc.pid ?? 0;
    this.info = { ...this.info, pid };
    this.log({ type: 'spawn', pid, turn: this.info.turns, attempt: 0 });
    if (mode === 'long-lived') proc.writeStdin(this.backend.encodeUserMessage!(text));
    void proc.exited.then((exit) => {
      if (this.proc === proc) this.proc = null;
      const ok = (lastDone as { ok: boolean } | null)?.ok === true && exit.code === 0;
      const reason = exit.code === 0 ? 'exited normally' : `exit ${exit.code ?? exit.signal}`;
      const abnormal = this.turnActive && !this.interrupted && !ok;
      this.log({ type: 'exit', pid, code: exit.code, signal: exit.signal, abnormal, fatal: false, reason });
      if (!this.turnActive || this.info.status === 'stopped') return;
      if (ok || this.interrupted) this.endTurn(ok);
      else this.settle('failed', `agent ${reason} during a turn (the baseline does not restart)`);
    });
  }

  /** Parses one line on this thread, logs and publishes its chunks; returns the turn's done, if this line held it. */
  private onLine(line: string): { ok: boolean } | null {
    let done: { ok: boolean } | null = null;
    const turn = this.info.turns;
    for (const parsed of this.parser!.parse(line)) {
      const { emittedAt, ...chunk } = parsed;
      const at = Date.now();
      if (chunk.kind === 'session') this.info = { ...this.info, cliSessionId: chunk.cliSessionId };
      if (chunk.kind === 'done') done = { ok: chunk.ok };
      if (!this.log({ type: 'chunk', turn, chunk, ...(emittedAt !== undefined ? { emittedAt } : {}) }, at)) continue;
      const sequenced = { ...parsed, seq: this.seq, turn, at } as SequencedChunk;
      this.info.lastActivity = sequenced.at;
      if (this.info.status === 'starting') this.info = { ...this.info, status: 'running' };
      this.chunks$.next(sequenced);
    }
    // A long-lived agent ends a turn with its result and stays for the next one.
    if (done && this.longLived && this.turnActive) this.endTurn(done.ok);
    return done;
  }

  private endTurn(ok: boolean): void {
    this.turnActive = false;
    this.info = { ...this.info, lastTurnOk: ok };
    this.log(ok ? { type: 'turn-done', turn: this.info.turns } : { type: 'turn-failed', turn: this.info.turns, reason: 'the agent reported an error' });
    this.settle('idle');
  }

  interrupt(): void {
    const pid = this.proc?.pid;
    if (!pid || !this.turnActive) return;
    this.interrupted = true;
    signalGroup(pid, 'SIGINT');
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (this.info.status !== 'failed') this.info = { ...this.info, status: 'stopped', reason: 'troupe shut down' };
    if (proc?.pid) {
      if (this.longLived) proc.closeStdin();
      await terminateProcessTree(proc.pid, { graceMs: SHUTDOWN_MS });
      await proc.exited;
    }
    this.info = { ...this.info, pid: undefined };
    const at = Date.now();
    this.log({ type: 'stopped', reason: 'shutdown' }, at);
    this.closeLog({ type: 'footer', reason: 'shutdown', endedAt: at, totals: { turns: this.info.turns, inputTokens: 0, outputTokens: 0, costUsd: 0, restarts: 0 } });
    this.chunks$.complete();
    this.release();
  }

  whenSettled(): Promise<SessionInfo> {
    if (this.settled) return Promise.resolve(this.info);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private settle(status: 'idle' | 'failed', reason?: string): void {
    this.turnActive = false;
    this.info = { ...this.info, status, reason };
    this.release();
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(this.info);
  }
}

export class InThreadSessions implements StressTarget {
  private readonly sessions = new Map<string, InThreadSession>();
  private stopping: Promise<void> | null = null;

  constructor(private readonly projectRoot: string) {}

  async start(spec: SessionSpec): Promise<string> {
    const sessionId = uuidv4();
    const resolved = await resolveSessionSpec({ ...spec, backend: spec.backend ?? 'sim' }, sessionId, Date.now(), {
      projectRoot: this.projectRoot,
      shutdownMs: SHUTDOWN_MS,
      inactivityTimeoutMs: 0,
      childRegistryDir: '',
    });
    const session = new InThreadSession(resolved);
    this.sessions.set(sessionId, session);
    session.runTurn(resolved.firstPrompt);
    return sessionId;
  }

  async send(message: string, sessionId?: string): Promise<void> {
    const session = this.session(sessionId);
    if (session.info.status !== 'idle') throw troupeError('SESSION_BUSY', `session ${session.info.sessionId} is ${session.info.status}`);
    session.runTurn(message);
  }

  async interrupt(sessionId?: string): Promise<void> {
    this.session(sessionId).interrupt();
  }

  chunks(sessionId: string): Observable<SequencedChunk> {
    return this.sessions.get(sessionId)?.chunks$.asObservable() ?? EMPTY;
  }

  whenSettled(sessionId: string): Promise<SessionInfo> {
    return this.session(sessionId).whenSettled();
  }

  get(sessionId: string): SessionInfo | undefined {
    return this.sessions.get(sessionId)?.info;
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((session) => session.info);
  }

  shutdown(): Promise<void> {
    this.stopping ??= Promise.all([...this.sessions.values()].map((session) => session.stop())).then(() => undefined);
    return this.stopping;
  }

  private session(sessionId: string | undefined): InThreadSession {
    const session = sessionId ? this.sessions.get(sessionId) : undefined;
    if (!session) throw troupeError('UNKNOWN_SESSION', `unknown session id "${sessionId}"`);
    return session;
  }
}

export const inThreadEngine = {
  name: 'baseline',
  create: async ({ projectRoot }: { projectRoot: string }): Promise<StressTarget> => new InThreadSessions(projectRoot),
};
