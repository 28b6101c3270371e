import { existsSync } from 'node:fs';
import type { DoneChunk } from '../protocol/index.js';
import type {
  SessionControlApi,
  StopReason,
  WorkerDataItem,
  WorkerTaskInput,
} from '../protocol/worker-messages.js';
import { getBackend } from '../backends/registry.js';
import type { BackendPlugin, LineParser, ParsedChunk } from '../backends/types.js';
import { troupeError } from '../errors/troupe-error.js';
import { registerChild, unregisterChild } from '../process/child-registry.js';
import { signalGroup, terminateProcessTree } from '../process/kill-group.js';
import { listGroupMembersAsync, readProcessIdentity, selfIdentity } from '../process/proc-info.js';
import { UsageAccumulator } from '../usage/usage-totals.js';
import { spawnAgentProcess, type AgentExit, type AgentProcess } from './agent-process.js';
import { describeExit } from './describe-exit.js';
import { DataChannel } from './data-channel.js';
import { FaultInjector } from './fault-injector.js';
import { lowerAgentPriority } from './scheduling.js';
import { WorkerSessionLog } from './session-log.js';

/** A stdout line longer than this is dropped and reported, never buffered whole. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

interface LiveAgent {
  proc: AgentProcess;
  pid: number | undefined;
  parser: LineParser;
  done: DoneChunk | null;
  /** Why troupe itself ended it, when it did (interrupt, inactivity, stop). */
  endedBy: 'interrupt' | 'inactivity' | 'stop' | null;
  inactivityMs: number;
}

/**
 * One session inside its worker thread: owns the agent process, parses its output, writes the log
 * and forwards everything to the supervisor. Lives for the session's whole life.
 */
export class SessionRunner {
  private readonly spec: WorkerTaskInput['spec'];
  private readonly backend: BackendPlugin;
  private readonly data: DataChannel;
  private readonly pidView: Int32Array;
  private readonly log: WorkerSessionLog;
  private readonly usage = new UsageAccumulator();
  private readonly faults: FaultInjector;
  private readonly ownerStartTime: string | undefined;

  private seq = 0;
  private turn = 0;
  private restarts = 0;
  private cliSessionId: string | undefined;
  private agent: LiveAgent | null = null;
  private turnActive = false;
  private stopping: Promise<void> | null = null;
  /** Sweeps of exited agents' groups still running (see sweepGroup). */
  private readonly sweeps = new Set<Promise<void>>();
  private inactivityTimer: NodeJS.Timeout | null = null;
  private finish!: (reason: StopReason) => void;
  readonly finished: Promise<StopReason>;

  constructor(private readonly input: WorkerTaskInput) {
    this.spec = input.spec;
    this.backend = getBackend(this.spec.backend);
    this.data = new DataChannel(input.dataPort);
    this.pidView = new Int32Array(input.pidSlot);
    // Injected faults hit a session's first worker only, so a restarted session can recover.
    this.faults = new FaultInjector(input.resume ? undefined : this.spec.faults);
    this.ownerStartTime = selfIdentity()?.startTime;
    this.log = new WorkerSessionLog((message) => this.onLogFailure(message));
    this.finished = new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  readonly api: SessionControlApi = {
    send: async (message) => {
      this.assertLive();
      if (this.turnActive) throw troupeError('SESSION_BUSY', `session ${this.spec.sessionId} is still running a turn`);
      this.startTurn(message, true);
      return { turn: this.turn };
    },
    interrupt: async () => {
      const agent = this.agent;
      if (!agent || !this.turnActive || agent.endedBy) return;
      agent.endedBy = 'interrupt';
      if (agent.pid) signalGroup(agent.pid, 'SIGINT');
      const exited = await Promise.race([agent.proc.exited.then(() => true), delay(2_000).then(() => false)]);
      if (!exited && agent.pid) await terminateProcessTree(agent.pid, { graceMs: this.spec.shutdownMs });
    },
    restart: async ({ attempt, delayMs, reason, message }) => {
      this.assertLive();
      if (this.turnActive) throw troupeError('SESSION_BUSY', 'cannot restart while a turn runs');
      this.restarts += 1;
      this.record({ type: 'restart', attempt, delayMs, reason, at: Date.now() });
      this.startTurn(message, false);
    },
    stop: (reason, detail) => this.stop(reason, detail),
    ping: async () => ({ pid: this.agent?.pid ?? null, turn: this.turn, busy: this.turnActive }),
  };

  /** Opens (or reopens) the log and starts the first turn. */
  start(): void {
    const resume = this.input.resume;
    if (!resume) {
      this.log.create(this.spec, this.ownerStartTime);
      if (this.log.broken) return;
      this.startTurn(this.spec.firstPrompt, true);
      return;
    }
    // A worker that died before it wrote anything (stuck start) left no log: this one writes it.
    const neverLogged = resume.turns === 0 && resume.lastSeq === 0 && !existsSync(this.spec.logPath);
    if (neverLogged) this.log.create(this.spec, this.ownerStartTime);
    else this.log.reopen(this.spec.logPath);
    if (this.log.broken) return;
    this.seq = resume.lastSeq;
    this.turn = resume.turns;
    this.restarts = resume.restarts;
    this.cliSessionId = resume.cliSessionId;
    if (resume.usage) this.usage.restore(resume.usage);
    this.record({ type: 'resume', by: resume.by, at: Date.now(), troupePid: process.pid, troupeStartTime: this.ownerStartTime });
    if (resume.restart) {
      this.restarts += 1;
      this.record({ type: 'restart', ...resume.restart, at: Date.now() });
    }
    this.startTurn(resume.message, resume.by === 'user' || this.turn === 0);
  }

  private startTurn(text: string, newTurn: boolean): void {
    if (newTurn) this.turn += 1;
    const at = Date.now();
    this.turnActive = true;
    this.record({ type: 'user', turn: this.turn, text, at });
    this.emit({ t: 'turn-start', turn: this.turn, prompt: text, at }, true);
    const agent = this.agent;
    if (agent && this.spec.longLived && this.backend.encodeUserMessage) {
      agent.done = null;
      agent.proc.writeStdin(this.backend.encodeUserMessage(text));
      this.armInactivity();
      return;
    }
    this.spawnAgent(text);
  }

  private spawnAgent(text: string): void {
    const mode = this.spec.longLived && this.backend.capabilities.longLived ? 'long-lived' : this.cliSessionId ? 'resume' : 'new';
    const command = this.backend.commandLine({
      prompt: text,
      mode,
      cliSessionId: this.cliSessionId,
      model: this.spec.model,
      cwd: this.spec.cwd,
      extraArgs: this.spec.extraArgs,
    });
    this.usage.beginProcess();
    const agent: LiveAgent = {
      proc: undefined as unknown as AgentProcess,
      pid: undefined,
      parser: this.backend.createParser(),
      done: null,
      endedBy: null,
      inactivityMs: this.spec.inactivityTimeoutMs,
    };
    agent.proc = spawnAgentProcess(
      command,
      { cwd: this.spec.cwd, env: this.spec.env ?? {}, maxLineBytes: MAX_LINE_BYTES },
      {
        stdoutLine: (line) => this.onStdoutLine(agent, line),
        stdoutOversize: (bytes) => this.onOversizeLine(agent, bytes),
        stderrLine: (line) => this.onStderrLine(agent, line),
      },
    );
    agent.pid = agent.proc.pid;
    this.agent = agent;
    if (agent.pid) {
      // The supervisor reads this if the worker dies: a dying worker does not kill its child.
      Atomics.store(this.pidView, 0, agent.pid);
      lowerAgentPriority(agent.pid);
      this.registerChild(agent.pid);
      this.record({ type: 'spawn', pid: agent.pid, turn: this.turn, attempt: this.restarts, at: Date.now() });
      this.emit({ t: 'spawn', pid: agent.pid, turn: this.turn, attempt: this.restarts, at: Date.now() }, true);
    }
    if (mode === 'long-lived' && this.backend.encodeUserMessage) agent.proc.writeStdin(this.backend.encodeUserMessage(text));
    this.armInactivity();
    void agent.proc.exited.then((exit) => this.onExit(agent, exit));
  }

  private onStdoutLine(agent: LiveAgent, line: string): void {
    if (agent !== this.agent) return;
    for (const chunk of agent.parser.parse(line)) {
      // A CLI that only reports its retries (Codex retries forever) is not making progress.
      if (!isRetryNotice(chunk)) this.armInactivity();
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

  private onStderrLine(_agent: LiveAgent, line: string): void {
    const at = Date.now();
    if (!this.record({ type: 'stderr', line, at })) return;
    this.emit({ t: 'stderr', line, at });
  }

  private forwardChunk(agent: LiveAgent, chunk: ParsedChunk, line?: string): void {
    this.seq += 1;
    const sequenced = { ...chunk, seq: this.seq, turn: this.turn, at: Date.now() };
    if (chunk.kind === 'session' && chunk.cliSessionId !== this.cliSessionId) {
      this.cliSessionId = chunk.cliSessionId;
      this.record({ type: 'cli-session', cliSessionId: chunk.cliSessionId, at: sequenced.at });
    } else if (chunk.kind === 'usage') {
      this.usage.add(chunk);
    } else if (chunk.kind === 'done') {
      agent.done = chunk;
    }
    const keepLine = chunk.kind === 'notice' && line !== undefined ? line : undefined;
    if (!this.record({ type: 'chunk', chunk: sequenced, line: keepLine })) return;
    this.emit({ t: 'chunk', chunk: sequenced });
    this.faults.onChunkForwarded();
    if (chunk.kind === 'done' && this.spec.longLived && this.backend.capabilities.longLived) {
      this.endTurn(chunk.ok, chunk.ok ? undefined : turnFailure(agent, chunk));
    }
  }

  private onExit(agent: LiveAgent, exit: AgentExit): void {
    if (this.agent === agent) {
      this.agent = null;
      this.disarmInactivity();
    }
    if (agent.pid) {
      Atomics.compareExchange(this.pidView, 0, agent.pid, 0);
      this.sweepGroup(agent.pid);
    }
    const turnWasActive = this.turnActive;
    const outcome = describeExit({
      exit,
      endedBy: agent.endedBy,
      sawDone: agent.done !== null,
      turnActive: turnWasActive,
      inactivityMs: agent.inactivityMs,
      fatalCode: this.backend.isFatalExit(exit.code),
      binary: this.backend.binary,
      installHint: this.backend.installHint,
    });
    const at = Date.now();
    const pid = agent.pid ?? 0;
    this.record({ type: 'exit', pid, code: exit.code, signal: exit.signal, abnormal: outcome.abnormal, reason: outcome.reason, at });
    if (outcome.spawnNotice) this.forwardChunk(agent, { kind: 'notice', level: 'error', code: 'spawn_failed', message: outcome.spawnNotice });
    this.emit({ t: 'exit', pid, code: exit.code, signal: exit.signal, abnormal: outcome.abnormal, fatal: outcome.fatal, reason: outcome.reason, at }, true);
    if (this.stopping || !turnWasActive) return;
    if (outcome.abnormal) {
      // The supervisor decides: restart (calls restart()) or give up (calls stop('failed')).
      this.turnActive = false;
      return;
    }
    const done = agent.done;
    this.endTurn(done?.ok ?? false, done?.ok ? undefined : turnFailure(agent, done ?? outcome.reason));
  }

  private endTurn(ok: boolean, reason?: string): void {
    this.turnActive = false;
    this.disarmInactivity();
    const at = Date.now();
    this.record({ type: 'turn-done', turn: this.turn, ok, reason, at });
    this.emit({ t: 'turn-done', turn: this.turn, ok, reason, at }, true);
  }

  private stop(reason: StopReason, detail?: string): Promise<void> {
    this.stopping ??= this.runStop(reason, detail);
    return this.stopping;
  }

  private async runStop(reason: StopReason, detail?: string): Promise<void> {
    this.disarmInactivity();
    const agent = this.agent;
    if (agent) {
      agent.endedBy = 'stop';
      if (this.spec.longLived) agent.proc.closeStdin();
      if (agent.pid) await terminateProcessTree(agent.pid, { graceMs: this.spec.shutdownMs });
      await agent.proc.exited;
    }
    await Promise.all([...this.sweeps]);
    this.turnActive = false;
    const at = Date.now();
    this.record({ type: 'stop', reason: detail ? `${reason}: ${detail}` : reason, at });
    this.log.close({
      type: 'footer',
      reason: detail ? `${reason}: ${detail}` : reason,
      endedAt: at,
      totals: { turns: this.turn, ...this.usage.totals, restarts: this.restarts },
    });
    this.data.end({ t: 'end', reason, detail, at });
    this.finish(reason);
  }

  /**
   * Whatever the agent left running in its process group (a tool's background job) ends with it,
   * so nothing outlives its turn; the group stays registered until then.
   */
  private sweepGroup(pid: number): void {
    const sweep = (async () => {
      const left = await listGroupMembersAsync(pid);
      if (left.length === 0) return;
      const at = Date.now();
      const line = `troupe: ending ${left.length} process${left.length === 1 ? '' : 'es'} the agent left running in its group (${left.join(', ')})`;
      this.record({ type: 'stderr', line, at });
      this.emit({ t: 'stderr', line, at });
      await terminateProcessTree(pid, { graceMs: this.spec.shutdownMs });
    })()
      .catch(() => undefined)
      .finally(() => {
        unregisterChild(this.spec.childRegistryDir, pid);
        this.sweeps.delete(sweep);
      });
    this.sweeps.add(sweep);
  }

  private onLogFailure(message: string): void {
    this.emit({ t: 'log-error', message, at: Date.now() }, true);
    void this.stop('log-error', message);
  }

  private record(record: Parameters<WorkerSessionLog['append']>[0]): boolean {
    return this.log.append(record);
  }

  private emit(item: WorkerDataItem, urgent = false): void {
    this.data.push(item, urgent);
  }

  private registerChild(pid: number): void {
    const identity = readProcessIdentity(pid);
    try {
      registerChild(this.spec.childRegistryDir, {
        pid,
        pgid: pid,
        startTime: identity?.startTime ?? '',
        cmdline: identity?.cmdline ?? [],
        ownerPid: process.pid,
        ownerStartTime: this.ownerStartTime ?? '',
        sessionId: this.spec.sessionId,
      });
    } catch (error) {
      this.emit({ t: 'stderr', line: `troupe: cannot register agent process ${pid}: ${String(error)}`, at: Date.now() });
    }
  }

  private armInactivity(): void {
    const agent = this.agent;
    if (!agent || !this.turnActive || agent.inactivityMs <= 0) return;
    if (this.inactivityTimer) {
      this.inactivityTimer.refresh();
      return;
    }
    this.inactivityTimer = setTimeout(() => {
      this.inactivityTimer = null;
      const current = this.agent;
      if (!current || !this.turnActive || current.endedBy) return;
      current.endedBy = 'inactivity';
      if (current.pid) void terminateProcessTree(current.pid, { graceMs: Math.min(this.spec.shutdownMs, 2_000) });
    }, agent.inactivityMs);
  }

  private disarmInactivity(): void {
    if (this.inactivityTimer) clearTimeout(this.inactivityTimer);
    this.inactivityTimer = null;
  }

  private assertLive(): void {
    if (this.stopping) throw troupeError('SESSION_ENDED', `session ${this.spec.sessionId} has ended`);
  }
}

function isRetryNotice(chunk: ParsedChunk): boolean {
  return chunk.kind === 'notice' && (chunk.code === 'retry' || chunk.code === 'api_retry');
}

/**
 * Why a turn failed. A turn troupe interrupted says so: Claude answers SIGINT with an error result
 * of its own (`error_during_execution`, a diagnostic in `errors`) that would hide the cause.
 */
function turnFailure(agent: LiveAgent, cause: DoneChunk | string): string {
  if (agent.endedBy === 'interrupt') return 'interrupted';
  return typeof cause === 'string' ? cause : failureText(cause);
}

/** The CLI's own words first (what a person can act on), its code after. */
function failureText(done: DoneChunk): string {
  const message = done.errors?.[0] ?? done.result;
  if (message && done.reason && !message.includes(done.reason)) return `${message} (${done.reason})`;
  return message ?? done.reason ?? 'the agent reported an error';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
