/**
 * What crosses the supervisor <-> session-worker boundary.
 * Control plane: comlink calls on `SessionControlApi` over one MessagePort.
 * Data plane: batches of the session's own events posted raw on another port; the last batch
 * carries the in-band end marker.
 */
import type { MessagePort } from 'node:worker_threads';
import type { PermissionAnswer } from './permissions.js';
import type { SessionSpec, SessionState } from './session.js';
import type { WorkspaceDiff, WorkspaceInfo } from './workspace.js';
import type { EventOf, MessageSource, SessionEvent, StopReason } from './session-events.js';

export type { StopReason } from './session-events.js';

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
  /** The session's own worktree (then `cwd` is inside it). */
  worktree?: WorkspaceInfo;
  /** Said once in the log at start: why the session has no worktree although it asked for one. */
  workspaceNote?: string;
}

/** A message that starts (or continues) a turn. */
export interface TurnMessage {
  text: string;
  source: MessageSource;
  /** The person's own words inside a template prompt. */
  own?: string;
}

/**
 * A worker that continues an existing session: after the previous worker died ('worker-replaced'),
 * or when a person resumes or revives it ('user'). It appends to the same log, numbers events on
 * from `state.lastSeq`, and sends `message`.
 */
export interface WorkerResumeState {
  by: 'worker-replaced' | 'user';
  /** The session as folded so far by the one reducer. */
  state: SessionState;
  message: TurnMessage;
  /** The message opens a new turn (else it continues the current one, as a restart does). */
  newTurn: boolean;
  /** The restart attempt this worker runs, for its spawn event. */
  attempt?: number;
  /** Events already in `state` that no log holds yet (the session's first worker never wrote one). */
  backlog?: SessionEvent[];
}

export interface WorkerTaskInput {
  spec: ResolvedSessionSpec;
  dataPort: MessagePort;
  controlPort: MessagePort;
  /** Int32Array view: [0] = pid of the live agent process (its process group id), 0 when none. */
  pidSlot: SharedArrayBuffer;
  /** Present when this worker continues a session. */
  resume?: WorkerResumeState;
}

/** Last item of the data stream; nothing follows on this port. */
export interface EndMarker {
  reason: StopReason;
  detail?: string;
  at: number;
}

export interface WorkerDataBatch {
  events: SessionEvent[];
  end?: EndMarker;
}

/** Events the supervisor decides and the worker logs and publishes for it. */
export type SupervisorNote = Omit<EventOf<'restart-scheduled'>, 'seq' | 'at'>;

/** Exposed by the worker with comlink. Every call is raced by the supervisor against worker death. */
export interface SessionControlApi {
  /** Run the next turn with this message, resuming the CLI conversation. Rejects while a turn runs. */
  send(message: TurnMessage): Promise<{ turn: number }>;
  /** Interrupt the running turn; the session goes idle, not restarted. */
  interrupt(): Promise<void>;
  /** Answer a pending permission request; ALREADY_ANSWERED / UNKNOWN_REQUEST when it is not pending. */
  answer(requestId: string, answer: PermissionAnswer): Promise<void>;
  /** Log and publish an event the supervisor decided (a scheduled restart). */
  note(event: SupervisorNote): Promise<void>;
  /** Respawn after a crash, continuing the current turn (the CLI conversation, or the first prompt if none yet). */
  restart(request: { attempt: number; message: TurnMessage }): Promise<void>;
  /** End the session: SIGTERM the group, grace, SIGKILL, footer, in-band end; the task then resolves. */
  stop(reason: StopReason, detail?: string): Promise<void>;
  ping(): Promise<{ pid: number | null; turn: number; busy: boolean }>;
  /** Computes the workspace's changes now (publishing them when they changed) and returns its diff. */
  workspaceDiff(): Promise<WorkspaceDiff>;
}
