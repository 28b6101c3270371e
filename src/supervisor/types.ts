import type { Observable } from 'rxjs';
import type { ResourceLimits } from 'node:worker_threads';
import type {
  BackendId,
  RestartPolicyConfig,
  SequencedChunk,
  SessionEvent,
  SessionInfo,
  SessionSpec,
  SupervisorEvent,
} from '../protocol/index.js';
import type { PermissionAnswer } from '../protocol/permissions.js';
import type { Clock } from '../time/clock.js';
import type { WorkerLauncher } from './session-worker-handle.js';
import type { WorkspaceApi } from './workspace-actions.js';

export type { Clock } from '../time/clock.js';

export interface SupervisorOptions {
  /** Project root: logs go to `<projectRoot>/.bp6/sessions/`. */
  projectRoot: string;
  /** Hard limit of live sessions; a start beyond it fails (no silent queueing). Default 256. */
  maxSessions?: number;
  /** Worker threads kept warm for fast starts. Default 2. */
  warmThreads?: number;
  defaultBackend?: BackendId;
  /** Default restart policy; a session's spec may override parts of it. */
  restartPolicy?: Partial<RestartPolicyConfig>;
  /** Stop grace period before SIGKILL. Default 5000 ms (OTP's shutdown default). */
  shutdownMs?: number;
  /** No agent output for this long during a turn is a crash. Default 10 minutes. */
  inactivityTimeoutMs?: number;
  /** A worker that has sent nothing by then is given up as dead. Default 30 s. */
  workerStartTimeoutMs?: number;
  /** Limits for each session's worker thread. */
  workerResourceLimits?: ResourceLimits;
  /** Where live child process groups are registered for reaping after a troupe crash. */
  childRegistryDir?: string;
  /** Environment every agent gets, under each session's own (e.g. the simulated agent's knobs in tests). */
  agentEnv?: Record<string, string>;
  clock?: Clock;
  random?: () => number;
  /** How a session's worker is started; default: a thread of the piscina pool. Tests run the worker in-thread. */
  launchWorker?: WorkerLauncher;
}

/** The Supervisor actor's public face: what the CLI and the server use. */
export interface SupervisorApi {
  /** The session list, on every change (the current value at once on subscribe). */
  readonly sessions$: Observable<SessionInfo[]>;
  readonly events$: Observable<SupervisorEvent>;
  /** Live events of one session (from now on; history comes from its log). Completes when it is terminated. */
  sessionEvents(sessionId: string): Observable<SessionEvent>;
  /** Live chunks of one session, as flat chunks. */
  chunks(sessionId: string): Observable<SequencedChunk>;

  /** Starts a session and its first turn; resolves with our session id once its worker runs. */
  start(spec: SessionSpec): Promise<string>;
  /** Next turn (default: the active session), resuming the CLI conversation. */
  send(message: string, sessionId?: string): Promise<void>;
  /** Interrupt the running turn; the session goes idle. */
  interrupt(sessionId?: string): Promise<void>;
  /**
   * Answers a pending permission request through the session's worker. ALREADY_ANSWERED when
   * another answer came first (another tab), UNKNOWN_REQUEST for an id that is not pending.
   */
  answerPermission(sessionId: string, requestId: string, answer: PermissionAnswer): Promise<void>;
  /** Stop a session (default: the active one); it stays listed as `stopped`. */
  stop(sessionId?: string): Promise<void>;
  /** Stop if live and remove from the list (event `session-terminated`). */
  terminate(sessionId: string): Promise<void>;
  /** A person restarts a `failed` or `stopped` session, resuming its CLI conversation. */
  revive(sessionId: string, message?: string): Promise<void>;

  list(): SessionInfo[];
  get(sessionId: string): SessionInfo | undefined;
  switchActive(sessionId: string): void;
  getActive(): string | null;
  /** Resolves when the session's current turn is over (idle, stopped or failed). */
  whenSettled(sessionId: string): Promise<SessionInfo>;

  /** Stop every session (SIGTERM, grace, SIGKILL), finalize every log, close the pool. */
  shutdown(): Promise<void>;

  /** Review, commit, merge, discard and keep of the sessions' workspaces (absent in fakes). */
  readonly workspaces?: WorkspaceApi;
}
