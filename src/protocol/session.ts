import type { BackendId, PersonaId, TaskKind } from './ids.js';
import type { PermissionMode, PermissionPolicy, PermissionRequest } from './permissions.js';
import type { WorkspaceInfo } from './workspace.js';

/**
 * `starting`: its worker thread is not up yet; `running`: a turn is in flight; `waiting`: the agent
 * waits for a person to answer a permission request; `idle`: the turn is done, the session waits
 * for the next message; `restarting`: a restart is scheduled; `stopped` / `failed`: ended.
 */
export type SessionStatus = 'starting' | 'running' | 'waiting' | 'idle' | 'restarting' | 'stopped' | 'failed';
export const SESSION_STATUSES: readonly SessionStatus[] = ['starting', 'running', 'waiting', 'idle', 'restarting', 'stopped', 'failed'];

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
  /** What the agent may do without asking a person. Default: the persona's policy. */
  permissions?: PermissionPolicy;
  /**
   * `auto` (default): a session that may write, in a git project, gets its own worktree and branch;
   * `none`: it works in the project root.
   */
  workspace?: 'auto' | 'none';
  /** The commit or branch the workspace starts from (default: the project's HEAD). */
  workspaceBase?: string;
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
  /** How the last finished turn ended. */
  lastTurn?: 'done' | 'failed' | 'interrupted';
  /** pid of the live agent process, if any. */
  pid?: number;
  /** Requests waiting for a person, oldest first (status `waiting` while there are any). */
  pendingPermissions?: PermissionRequest[];
  /** The session's permission mode, when troupe knows it (`bypass` is shown as a warning). */
  permissionMode?: PermissionMode;
  /** Rules a person allowed for the rest of the session ("allow for this session"). */
  sessionRules?: string[];
  /** The session's own git worktree, when it has one. */
  workspace?: WorkspaceInfo;
  /** What the session changed in its workspace so far. */
  changes?: { files: number; added: number; removed: number; uncommitted: boolean; commits: number };
}

/** Usage counted so far, by the rules of each scope (see src/session/usage.ts). */
export interface UsageSnapshot {
  totals: SessionTotals;
  lastProcess: SessionTotals;
  lastThread: SessionTotals;
}

/** A session's state as the one reducer keeps it (src/session): the public info plus what folding needs. */
export interface SessionState {
  info: SessionInfo;
  /** Highest event seq folded: the next event is lastSeq + 1. */
  lastSeq: number;
  usage: UsageSnapshot;
}
