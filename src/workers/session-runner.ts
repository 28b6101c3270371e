import type { DoneChunk } from '../protocol/index.js';
import type { SessionEvent, SessionEventBody, StopReason } from '../protocol/session-events.js';
import type {
  ResolvedSessionSpec,
  SessionControlApi,
  TurnMessage,
  WorkerDataBatch,
  WorkerResumeState,
} from '../protocol/worker-messages.js';
import type { SessionState } from '../protocol/session.js';
import { getBackend } from '../backends/registry.js';
import type { BackendPlugin, LineParser, ParsedChunk } from '../backends/types.js';
import { messageOf, troupeError } from '../errors/troupe-error.js';
import { holdsAgent, publishAgent, releaseAgent } from '../protocol/worker-slot.js';
import { applySessionEvent } from '../session/apply-session-event.js';
import { createSessionState } from '../session/session-state.js';
import { sleepOn, type Clock } from '../time/clock.js';
import type { AgentExit, AgentProcess } from './agent-process.js';
import type { AgentHost } from './agent-host.js';
import { describeExit } from './describe-exit.js';
import { DataChannel } from './data-channel.js';
import { FaultInjector } from './fault-injector.js';
import { stopAgent } from './stop-agent.js';
import { InactivityWatchdog } from './inactivity-watchdog.js';
import { PermissionBroker } from './permission-broker.js';
import { logHeader } from '../logs/log-header.js';
import type { EventLog } from './session-log.js';
import { realWorkspaceProbe, WorkspaceWatch, type WorkspaceProbe } from './workspace-watch.js';

/** A stdout line longer than this is dropped and reported, never buffered whole. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;
/** How long an interrupted agent may take to exit before its group is ended. */
const INTERRUPT_GRACE_MS = 2_000;
/** How long a stop waits for the workspace's last changes to be computed. */
const FINAL_CHANGES_MS = 10_000;

interface LiveAgent {
  proc: AgentProcess;
  pid: number | undefined;
  parser: LineParser;
  done: DoneChunk | null;
  /** Why troupe itself ended it, when it did (interrupt, inactivity, stop). */
  endedBy: 'interrupt' | 'inactivity' | 'stop' | null;
  /** The CLI's control protocol (permission requests), when the process speaks it. */
  broker: PermissionBroker | null;
}

export interface RunnerDeps {
  clock: Clock;
  host: AgentHost;
  log: EventLog;
  /** The data port: one batch of events per call. */
  post(batch: WorkerDataBatch): void;
  /** Shared with the supervisor (worker-slot.ts): the live agent's pid, read if this thread dies. */
  pidSlot: Int32Array;
  troupePid: number;
  troupeStartTime?: string;
  backend?: BackendPlugin;
  /** Computes the workspace's changes (default: real git). */
  workspaceProbe?: WorkspaceProbe;
}

/**
 * One session inside its worker thread: owns the agent process, parses its output, and publishes
 * every event (log, then post). Lives for the session's whole life.
 */
export class SessionRunner {
  private readonly backend: BackendPlugin;
  private readonly data: DataChannel;
  private readonly faults: FaultInjector;
  private readonly watchdog: InactivityWatchdog;
  private readonly workspace: WorkspaceWatch | null;
  private state: SessionState;
  private agent: LiveAgent | null = null;
  private turnActive = false;
  private stopping: Promise<void> | null = null;
  private logBroken = false;
  /** Sweeps of exited agents' groups still running (see sweepGroup). */
  private readonly sweeps = new Set<Promise<void>>();
  /** Called when the running turn ends (an interrupt waits for it). */
  private turnEndWaiters: Array<() => void> = [];
  private finish!: (reason: StopReason) => void;
  readonly finished: Promise<StopReason>;

  constructor(
    private readonly spec: ResolvedSessionSpec,
    private readonly resume: WorkerResumeState | undefined,
    private readonly deps: RunnerDeps,
  ) {
    this.backend = deps.backend ?? getBackend(spec.backend);
    this.data = new DataChannel((batch) => this.postBatch(batch), deps.clock);
    // Injected faults hit a session's first worker only, so a restarted session can recover.
    this.faults = new FaultInjector(resume ? undefined : spec.faults);
    this.watchdog = new InactivityWatchdog(deps.clock, spec.inactivityTimeoutMs, () => this.onInactive());
    this.state =
      resume?.state ??
      createSessionState({
        sessionId: spec.sessionId,
        beadId: spec.beadId,
        persona: spec.persona,
        backendId: spec.backend,
        task: spec.task,
        model: spec.model,
        createdAt: deps.clock.now(),
        logPath: spec.logPath,
        permissionMode: spec.permissions?.mode,
      });
    this.finished = new Promise((resolve) => {
      this.finish = resolve;
    });
    this.workspace = spec.worktree
      ? new WorkspaceWatch(spec.worktree, deps.workspaceProbe ?? realWorkspaceProbe, {
          changed: (changes) => void this.publish({ type: 'workspace-changed', changes }),
          failed: (message) => void this.publish({ type: 'notice', level: 'warning', code: 'workspace_changes', message: `cannot compute the workspace's changes: ${message}` }),
        }, deps.clock)
      : null;
  }

  /** The session as this worker folded it (its own events, from the state it was given). */
  get current(): SessionState {
    return this.state;
  }

  readonly api: SessionControlApi = {
    send: async (message) => {
      this.assertLive();
      if (this.turnActive) throw troupeError('SESSION_BUSY', `session ${this.spec.sessionId} is still running a turn`);
      this.beginTurn(message, true, 0);
      return { turn: this.state.info.turns };
    },
    interrupt: async () => {
      const agent = this.agent;
      if (!agent || !this.turnActive || agent.endedBy) return;
      agent.endedBy = 'interrupt';
      const grace = sleepOn(this.deps.clock, INTERRUPT_GRACE_MS).then(() => false);
      if (agent.broker) {
        // The CLI withdraws its pending requests and ends the turn; the process stays for the next one.
        const ended = new Promise<boolean>((resolve) => this.turnEndWaiters.push(() => resolve(true)));
        agent.proc.writeStdin(agent.broker.interruptLine());
        if (await Promise.race([ended, grace])) return;
      }
      if (agent.pid) this.deps.host.signalGroup(agent.pid, 'SIGINT');
      const exited = await Promise.race([agent.proc.exited.then(() => true), sleepOn(this.deps.clock, INTERRUPT_GRACE_MS).then(() => false)]);
      if (!exited && agent.pid) await this.deps.host.terminateTree(agent.pid, this.spec.shutdownMs);
    },
    answer: async (requestId, answer) => {
      const broker = this.agent?.broker;
      if (!broker) throw troupeError('UNKNOWN_REQUEST', `no pending permission request ${requestId}: the agent is not waiting for one`);
      broker.answer(requestId, answer);
    },
    note: async (event) => {
      this.assertLive();
      this.publish(event);
    },
    restart: async ({ attempt, message }) => {
      this.assertLive();
      if (this.turnActive) throw troupeError('SESSION_BUSY', 'cannot restart while a turn runs');
      this.beginTurn(message, false, attempt);
    },
    stop: async (reason, detail) => {
      const delayMs = this.faults.stopDelayMs;
      if (delayMs) await sleepOn(this.deps.clock, delayMs);
      return this.stop(reason, detail);
    },
    ping: async () => ({ pid: this.agent?.pid ?? null, turn: this.state.info.turns, busy: this.turnActive }),
    workspaceDiff: async () => {
      if (!this.workspace) throw troupeError('NO_WORKSPACE', `session ${this.spec.sessionId} has no workspace of its own`);
      return this.workspace.diff();
    },
  };

  /** Opens (or continues) the log and starts the first turn. */
  start(): void {
    const resume = this.resume;
    const header = logHeader(this.spec, this.state.info.createdAt, this.deps.troupePid, this.deps.troupeStartTime);
    try {
      // A worker that died before it wrote anything (a stuck start) left no log: this one writes it.
      if (resume) this.deps.log.continueOrCreate(header);
      else this.deps.log.create(header);
      // Already folded (the supervisor decided them): only written, right after the header.
      for (const event of resume?.backlog ?? []) this.deps.log.append(event);
      this.deps.log.flush();
    } catch (error) {
      this.onLogFailure(messageOf(error));
      return;
    }
    if (this.spec.workspaceNote && !resume) this.publish({ type: 'notice', level: 'info', code: 'no_workspace', message: this.spec.workspaceNote });
    if (!resume) {
      const own = this.spec.prompt?.trim();
      this.beginTurn({ text: this.spec.firstPrompt, source: 'template', ...(own ? { own } : {}) }, true, 0);
      return;
    }
    this.publish({ type: 'resumed', by: resume.by, troupePid: this.deps.troupePid, troupeStartTime: this.deps.troupeStartTime });
    this.beginTurn(resume.message, resume.newTurn || this.state.info.turns === 0, resume.attempt ?? 0);
  }

  /**
   * Adds the event to the log's batch, then folds and queues it on the data channel, which writes
   * the batch before it posts it (postBatch). Once the log has failed, only the lifecycle that ends
   * the session still goes out (posted, since it can no longer be logged).
   */
  private publish(body: SessionEventBody): SessionEvent | null {
    const event = { ...body, seq: this.state.lastSeq + 1, at: this.deps.clock.now() } as SessionEvent;
    if (this.logBroken) {
      if (body.type !== 'exit' && body.type !== 'stopped' && body.type !== 'log-error') return null;
    } else {
      try {
        this.deps.log.append(event);
      } catch (error) {
        this.onLogFailure(messageOf(error));
        return null;
      }
    }
    this.state = applySessionEvent(this.state, event);
    this.data.push(event, body.type !== 'chunk' && body.type !== 'stderr');
    return event;
  }

  /** Every event of a batch is on disk before the batch is posted; a batch the log refused is not posted. */
  private postBatch(batch: WorkerDataBatch): void {
    if (!this.logBroken) {
      try {
        this.deps.log.flush();
      } catch (error) {
        const ending = batch.events.filter((event) => event.type === 'exit' || event.type === 'stopped');
        if (ending.length > 0 || batch.end) this.deps.post({ ...batch, events: ending });
        this.onLogFailure(messageOf(error));
        return;
      }
    }
    this.deps.post(batch);
  }

  private beginTurn(message: TurnMessage, newTurn: boolean, attempt: number): void {
    const turn = newTurn ? this.state.info.turns + 1 : Math.max(1, this.state.info.turns);
    this.turnActive = true;
    const user: SessionEventBody = { type: 'user', turn, text: message.text, source: message.source, ...(message.own ? { own: message.own } : {}) };
    if (!this.publish(user)) return;
    const agent = this.agent;
    if (agent && this.longLived && this.backend.encodeUserMessage) {
      agent.done = null;
      if (agent.endedBy === 'interrupt') agent.endedBy = null;
      agent.proc.writeStdin(this.backend.encodeUserMessage(message.text));
      this.watchdog.arm();
      return;
    }
    this.spawnAgent(message.text, attempt);
  }

  private get longLived(): boolean {
    return this.spec.longLived === true && this.backend.capabilities.longLived;
  }

  private spawnAgent(text: string, attempt: number): void {
    const cliSessionId = this.state.info.cliSessionId;
    const mode = this.longLived ? 'long-lived' : cliSessionId ? 'resume' : 'new';
    const control = mode === 'long-lived' && this.backend.createDriver !== undefined;
    const command = this.backend.commandLine({
      prompt: text,
      mode,
      cliSessionId,
      model: this.spec.model,
      cwd: this.spec.cwd,
      extraArgs: this.spec.extraArgs,
      control,
      ...(this.spec.permissions ? { permissions: this.spec.permissions } : {}),
    });
    const agent: LiveAgent = { proc: undefined as unknown as AgentProcess, pid: undefined, parser: this.backend.createParser(), done: null, endedBy: null, broker: null };
    agent.proc = this.deps.host.spawn(
      command,
      { cwd: this.spec.cwd, env: this.spec.env ?? {}, maxLineBytes: MAX_LINE_BYTES },
      {
        stdoutLine: (line) => this.onStdoutLine(agent, line),
        stdoutOversize: (bytes) => this.onOversizeLine(agent, bytes),
        stderrLine: (line) => this.publish({ type: 'stderr', line }),
        read: (work) => this.data.batch(work),
      },
    );
    agent.pid = agent.proc.pid;
    this.agent = agent;
    if (agent.pid) {
      // Lowered first: once published, the supervisor may set the nice that fits the live agents.
      this.deps.host.lowerPriority(agent.pid);
      // The supervisor reads this if the worker dies: a dying worker does not kill its child.
      publishAgent(this.deps.pidSlot, agent.pid);
      this.registerChild(agent.pid);
      this.publish({ type: 'spawn', pid: agent.pid, turn: this.state.info.turns, attempt });
    }
    if (control) agent.broker = this.createBroker(agent);
    agent.broker?.open();
    if (mode === 'long-lived' && this.backend.encodeUserMessage) agent.proc.writeStdin(this.backend.encodeUserMessage(text));
    this.watchdog.arm();
    void agent.proc.exited.then((exit) => this.onExit(agent, exit));
  }

  private createBroker(agent: LiveAgent): PermissionBroker {
    return new PermissionBroker({
      driver: this.backend.createDriver!(),
      write: (line) => agent.proc.writeStdin(line),
      publish: (body) => this.publish(body),
      now: () => this.deps.clock.now(),
      policy: this.spec.permissions ?? { mode: 'ask' },
      sessionRules: () => this.state.info.sessionRules ?? [],
      cwd: this.spec.cwd,
      // Time spent waiting for a person is not a hang.
      onWaiting: (waiting) => (waiting ? this.watchdog.pause() : this.watchdog.resume()),
    });
  }

  private onStdoutLine(agent: LiveAgent, line: string): void {
    if (agent.broker?.onLine(line)) {
      this.watchdog.touch();
      return;
    }
    for (const chunk of agent.parser.parse(line)) {
      // A CLI that only reports its retries (Codex retries forever) is not making progress.
      if (!isRetryNotice(chunk)) this.watchdog.touch();
      this.forwardChunk(agent, chunk, line);
    }
  }

  private onOversizeLine(agent: LiveAgent, bytes: number): void {
    this.forwardChunk(agent, {
      kind: 'notice',
      level: 'warning',
      code: 'line_too_long',
      message: `dropped a ${bytes}-byte line from ${this.backend.displayName} (limit ${MAX_LINE_BYTES} bytes)`,
    });
  }

  private forwardChunk(agent: LiveAgent, parsed: ParsedChunk, line?: string): void {
    const { emittedAt, ...chunk } = parsed;
    if (chunk.kind === 'done') agent.done = chunk;
    const body: SessionEventBody = { type: 'chunk', turn: this.state.info.turns, chunk };
    if (emittedAt !== undefined) body.emittedAt = emittedAt;
    if (chunk.kind === 'notice' && line !== undefined) body.line = line;
    if (!this.publish(body)) return;
    if (chunk.kind === 'tool_result') this.workspace?.refresh();
    this.faults.onChunkForwarded();
    if (chunk.kind === 'done' && this.longLived && this.turnActive) {
      this.endTurn(agent, chunk.ok ? null : chunk);
    }
  }

  private onExit(agent: LiveAgent, exit: AgentExit): void {
    // Taken over: the supervisor is stopping the session and ends the group itself, maybe before
    // its stop call reaches this (starved) thread.
    const takenOver = agent.pid !== undefined && !releaseAgent(this.deps.pidSlot, agent.pid);
    const stopping = this.stopping !== null || takenOver;
    if (stopping) agent.endedBy ??= 'stop';
    if (this.agent === agent) {
      this.agent = null;
      this.watchdog.disarm();
    }
    if (agent.pid && !takenOver) this.sweepGroup(agent.pid);
    const turnWasActive = this.turnActive;
    const outcome = describeExit({
      exit,
      endedBy: agent.endedBy,
      sawDone: agent.done !== null,
      turnActive: turnWasActive,
      inactivityMs: this.spec.inactivityTimeoutMs,
      fatalCode: this.backend.isFatalExit(exit.code),
      binary: this.backend.binary,
      installHint: this.backend.installHint,
    });
    // What it asked can no longer be answered: a restarted agent asks again.
    agent.broker?.cancelAll();
    if (outcome.spawnNotice) this.publish({ type: 'notice', level: 'error', code: 'spawn_failed', message: outcome.spawnNotice });
    const pid = agent.pid ?? 0;
    this.publish({ type: 'exit', pid, code: exit.code, signal: exit.signal, abnormal: outcome.abnormal, fatal: outcome.fatal, reason: outcome.reason });
    this.workspace?.refresh();
    if (stopping || !turnWasActive) return;
    if (outcome.abnormal) {
      // The supervisor decides: restart (calls restart()) or give up (calls stop('failed')).
      this.turnActive = false;
      return;
    }
    this.endTurn(agent, agent.done?.ok ? null : (agent.done ?? outcome.reason));
  }

  /** `failure` null: the turn succeeded. */
  private endTurn(agent: LiveAgent, failure: DoneChunk | string | null): void {
    this.turnActive = false;
    this.watchdog.disarm();
    const waiters = this.turnEndWaiters.splice(0);
    this.workspace?.refresh();
    const turn = this.state.info.turns;
    if (agent.endedBy === 'interrupt') this.publish({ type: 'turn-interrupted', turn });
    else if (failure === null) this.publish({ type: 'turn-done', turn });
    else this.publish({ type: 'turn-failed', turn, reason: typeof failure === 'string' ? failure : failureText(failure) });
    for (const resolve of waiters) resolve();
  }

  private onInactive(): void {
    const agent = this.agent;
    if (!agent || !this.turnActive || agent.endedBy) return;
    agent.endedBy = 'inactivity';
    if (agent.pid) void this.deps.host.terminateTree(agent.pid, Math.min(this.spec.shutdownMs, 2_000));
  }

  private stop(reason: StopReason, detail?: string): Promise<void> {
    this.stopping ??= this.runStop(reason, detail);
    return this.stopping;
  }

  private async runStop(reason: StopReason, detail?: string): Promise<void> {
    this.watchdog.disarm();
    const agent = this.agent;
    if (agent) {
      agent.endedBy = 'stop';
      if (this.longLived) agent.proc.closeStdin();
      const takenOver = agent.pid !== undefined && !holdsAgent(this.deps.pidSlot, agent.pid);
      await stopAgent(agent, this.spec.shutdownMs, takenOver, this.deps);
    }
    await Promise.all([...this.sweeps]);
    this.turnActive = false;
    // The log ends with what the workspace holds: whether it is empty decides what ending the session may remove.
    if (this.workspace) await this.settleWorkspace(this.workspace);
    this.publish({ type: 'stopped', reason, ...(detail ? { detail } : {}) });
    const at = this.deps.clock.now();
    const info = this.state.info;
    try {
      this.deps.log.close(
        this.logBroken
          ? undefined
          : { type: 'footer', reason, ...(detail ? { detail } : {}), endedAt: at, totals: { turns: info.turns, ...info.totals, restarts: info.restarts } },
      );
    } catch (error) {
      if (!this.logBroken) this.onLogFailure(messageOf(error));
    }
    this.data.end({ reason, ...(detail ? { detail } : {}), at });
    this.finish(reason);
  }

  private async settleWorkspace(workspace: WorkspaceWatch): Promise<void> {
    let timer: unknown;
    const limit = new Promise<void>((resolve) => {
      timer = this.deps.clock.setTimeout(resolve, FINAL_CHANGES_MS);
    });
    await Promise.race([workspace.settle(), limit]);
    this.deps.clock.clearTimeout(timer);
  }

  /**
   * Whatever the agent left running in its process group (a tool's background job) ends with it,
   * so nothing outlives its turn; the group stays registered until then.
   */
  private sweepGroup(pid: number): void {
    const { host } = this.deps;
    const sweep = (async () => {
      const left = await host.listGroup(pid);
      if (left.length === 0) return;
      const count = `${left.length} process${left.length === 1 ? '' : 'es'}`;
      this.publish({ type: 'notice', level: 'info', code: 'leftover_ended', message: `ending ${count} the agent left running in its group (${left.join(', ')})` });
      await host.terminateTree(pid, this.spec.shutdownMs);
    })()
      .catch(() => undefined)
      .finally(() => {
        host.unregister(this.spec.childRegistryDir, pid);
        this.sweeps.delete(sweep);
      });
    this.sweeps.add(sweep);
  }

  private onLogFailure(message: string): void {
    if (this.logBroken) return;
    this.logBroken = true;
    this.publish({ type: 'log-error', message });
    void this.stop('log-error', message);
  }

  private registerChild(pid: number): void {
    try {
      this.deps.host.register(this.spec.childRegistryDir, {
        pid,
        pgid: pid,
        ownerPid: this.deps.troupePid,
        ownerStartTime: this.deps.troupeStartTime ?? '',
        sessionId: this.spec.sessionId,
      });
    } catch (error) {
      this.publish({ type: 'notice', level: 'warning', code: 'register_failed', message: `cannot register agent process ${pid}: ${messageOf(error)}` });
    }
  }

  private assertLive(): void {
    if (this.stopping) throw troupeError('SESSION_ENDED', `session ${this.spec.sessionId} has ended`);
  }
}

function isRetryNotice(chunk: ParsedChunk): boolean {
  return chunk.kind === 'notice' && (chunk.code === 'retry' || chunk.code === 'api_retry');
}

/** The CLI's own words first (what a person can act on), its code after. */
function failureText(done: DoneChunk): string {
  const message = done.errors?.[0] ?? done.result;
  if (message && done.reason && !message.includes(done.reason)) return `${message} (${done.reason})`;
  return message ?? done.reason ?? 'the agent reported an error';
}
