/**
 * What crosses the supervisor <-> session-worker boundary.
 * Control plane: comlink calls on `SessionControlApi` over one MessagePort.
 * Data plane: batches of `WorkerDataItem` posted raw on another port, ended by an in-band `end` item.
 */
import type { MessagePort } from 'node:worker_threads';
import type { SequencedChunk } from './chunks.js';
import type { SessionSpec, SessionTotals } from './session.js';

/** A spec after the supervisor resolved persona, prompt, paths and policy. */
export interface ResolvedSessionSpec extends SessionSpec {
  sessionId: string;
  projectRoot: string;
  cwd: string;
  /** The first turn's full prompt (persona template + bead context + user prompt). */
  firstPrompt: string;
  logPath: string;
  /** Stop grace period: SIGTERM, wait this long, then SIGKILL. */
  shutdownMs: number;
  inactivityTimeoutMs: number;
  /** Where live child process groups are registered, so a later troupe can reap them. */
  childRegistryDir: string;
}

/**
 * State a worker takes over when it continues an existing session: after the previous worker
 * died ('worker-replaced'), or when a person resumes or revives it ('user').
 * The worker appends to the same log and sends `message` as the next turn.
 */
export interface WorkerResumeState {
  by: 'worker-replaced' | 'user';
  cliSessionId?: string;
  turns: number;
  lastSeq: number;
  restarts: number;
  message: string;
  /** Usage counted so far, so running totals (per process, per thread) are not counted twice. */
  usage?: UsageSnapshot;
  /** For 'worker-replaced': the restart that brought this worker. */
  restart?: { attempt: number; delayMs: number; reason: string };
}

export interface UsageSnapshot {
  totals: SessionTotals;
  lastProcess: SessionTotals;
  lastThread: SessionTotals;
}

export interface WorkerTaskInput {
  spec: ResolvedSessionSpec;
  dataPort: MessagePort;
  controlPort: MessagePort;
  /** Int32Array view: [0] = pid of the live agent process (its process group id), 0 when none. */
  pidSlot: SharedArrayBuffer;
  /** Present when this worker replaces one that died. */
  resume?: WorkerResumeState;
}

export type StopReason = 'user' | 'shutdown' | 'failed' | 'log-error' | 'done';

export type WorkerDataItem =
  | { t: 'chunk'; chunk: SequencedChunk }
  | { t: 'stderr'; line: string; at: number }
  | { t: 'turn-start'; turn: number; prompt: string; at: number }
  | { t: 'spawn'; pid: number; turn: number; attempt: number; at: number }
  | { t: 'turn-done'; turn: number; ok: boolean; reason?: string; at: number }
  /** The agent process ended. `abnormal` = a crash in OTP's sense (restart candidate). */
  | {
      t: 'exit';
      pid: number;
      code: number | null;
      signal: string | null;
      abnormal: boolean;
      /** Restarting cannot help (e.g. missing auth or binary). */
      fatal: boolean;
      reason: string;
      at: number;
    }
  | { t: 'log-error'; message: string; at: number }
  /** Last item of the stream; nothing follows on this port. */
  | { t: 'end'; reason: StopReason; detail?: string; at: number };

export interface WorkerDataBatch {
  items: WorkerDataItem[];
}

/** Exposed by the worker with comlink. Every call is raced by the supervisor against worker death. */
export interface SessionControlApi {
  /** Run the next turn with this message, resuming the CLI conversation. Rejects while a turn runs. */
  send(message: string): Promise<{ turn: number }>;
  /** Interrupt the running turn (SIGINT to the agent's group); the session goes idle, not restarted. */
  interrupt(): Promise<void>;
  /** Respawn after a crash, resuming the CLI conversation (or the first prompt if none yet). */
  restart(request: { attempt: number; delayMs: number; reason: string; message: string }): Promise<void>;
  /** End the session: SIGTERM the group, grace, SIGKILL, footer, in-band end; the task then resolves. */
  stop(reason: StopReason, detail?: string): Promise<void>;
  ping(): Promise<{ pid: number | null; turn: number; busy: boolean }>;
}
