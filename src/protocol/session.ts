import type { BackendId, PersonaId, TaskKind } from './ids.js';

export type SessionStatus = 'starting' | 'running' | 'idle' | 'restarting' | 'stopped' | 'failed';

/** OTP restart types: permanent always, transient only after an abnormal exit, temporary never. */
export type RestartType = 'permanent' | 'transient' | 'temporary';

export interface RestartPolicyConfig {
  restart: RestartType;
  /** More than this many restarts within `periodMs` and the session is given up. */
  maxRestarts: number;
  periodMs: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  /** Jitter: the delay is multiplied by (1 + random() * randomFactor). */
  randomFactor: number;
  /** A run this long without a crash resets the backoff exponent. */
  resetAfterMs: number;
}

/** Faults to inject, for stress runs and supervision tests. Never set by the dashboard. */
export interface FaultInjection {
  /** The session's worker thread throws after it has forwarded this many chunks. */
  workerThrowAfterChunks?: number;
  /** The worker thread calls process.exit after this many chunks. */
  workerExitAfterChunks?: number;
  /** The worker thread allocates until it exceeds its memory limit after this many chunks. */
  workerOomAfterChunks?: number;
  /** The worker thread blocks before it sends anything, the way a stuck bootstrap would. */
  workerHangAtStart?: boolean;
}

/** What a caller asks for when starting a session. */
export interface SessionSpec {
  backend: BackendId;
  persona: PersonaId;
  beadId?: string;
  task?: TaskKind;
  /** The user's own words for the first turn; combined with the persona's template. */
  prompt?: string;
  model?: string;
  /** Working directory of the agent; defaults to the project root. */
  cwd?: string;
  /** Claude (and sim): one long-lived process fed turns on stdin. */
  longLived?: boolean;
  /** Extra environment for the agent process (e.g. the simulated agent's knobs). */
  env?: Record<string, string>;
  /** Extra CLI arguments appended to every turn. */
  extraArgs?: string[];
  /** Overrides of the supervisor's default restart policy. */
  restartPolicy?: Partial<RestartPolicyConfig>;
  /** No output for this long during a turn counts as a crash. */
  inactivityTimeoutMs?: number;
  faults?: FaultInjection;
}

export interface SessionTotals {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** The supervisor's public view of one session (metadata only, no chunks). */
export interface SessionInfo {
  /** Ours: a UUID v4, distinct from the CLI's own session id. */
  sessionId: string;
  cliSessionId?: string;
  beadId?: string;
  persona: PersonaId;
  backendId: BackendId;
  task?: TaskKind;
  model?: string;
  status: SessionStatus;
  createdAt: number;
  lastActivity: number;
  turns: number;
  restarts: number;
  totals: SessionTotals;
  logPath?: string;
  /** Set while status is `restarting`. */
  restart?: { attempt: number; delayMs: number; reason: string };
  /** Why the session failed or stopped, when it did. */
  reason?: string;
  /** Did the last finished turn succeed. */
  lastTurnOk?: boolean;
  /** pid of the live agent process, if any. */
  pid?: number;
}
