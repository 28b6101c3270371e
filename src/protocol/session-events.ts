/**
 * The one event type of a session. The worker publishes each event by appending it to the session
 * log and then posting it; the supervisor, log replay and the dashboard's chat all fold the same
 * events. Every event carries the session's own sequence number (from 1, never reused across
 * turns, restarts or resumes) and one timestamp.
 */
import type { AgentChunk } from './chunks.js';
import type { PermissionDecision, PermissionRequest, PermissionScope } from './permissions.js';
import type { WorkspaceChanges, WorkspaceState } from './workspace.js';

/** Why a session ended. `failed` and `log-error` leave it failed; the rest leave it stopped. */
export type StopReason = 'user' | 'shutdown' | 'failed' | 'log-error' | 'done';

/** Who wrote a message to the agent: a person, troupe's persona template, or troupe after a restart. */
export type MessageSource = 'person' | 'template' | 'troupe';

export type SessionEventBody =
  /** A message to the agent: opens a turn (a restart's resume prompt continues the same turn). */
  | { type: 'user'; turn: number; text: string; source: MessageSource; /** The person's own words inside a template prompt. */ own?: string }
  /** One normalized chunk of the agent's output. `line` keeps the raw stdout line of notices. */
  | {
      type: 'chunk';
      turn: number;
      chunk: AgentChunk;
      emittedAt?: number;
      line?: string;
      /** Set on a run of text deltas merged for the dashboard: the run's first seq (`seq` is its last). */
      seqFrom?: number;
    }
  | { type: 'stderr'; line: string }
  | { type: 'spawn'; pid: number; turn: number; attempt: number }
  | { type: 'cli-session'; cliSessionId: string }
  | { type: 'turn-done'; turn: number }
  | { type: 'turn-failed'; turn: number; reason: string }
  | { type: 'turn-interrupted'; turn: number }
  /** The agent process ended. `abnormal`: a crash in OTP's sense; `fatal`: restarting cannot help. */
  | { type: 'exit'; pid: number; code: number | null; signal: string | null; abnormal: boolean; fatal: boolean; reason: string }
  /** The session's worker thread died (the supervisor ended the agent it left). */
  | { type: 'worker-died'; error: string }
  /** The supervisor will restart the agent after `delayMs`. */
  | { type: 'restart-scheduled'; attempt: number; delayMs: number; reason: string }
  /** A troupe process took the session on again: a person resumed or revived it, or its worker was replaced. */
  | { type: 'resumed'; by: 'user' | 'worker-replaced'; troupePid: number; troupeStartTime?: string }
  /** troupe's own words about the session (a leftover process ended, a registration failed). */
  | { type: 'notice'; level: 'info' | 'warning' | 'error'; message: string; code?: string }
  | { type: 'log-error'; message: string }
  | { type: 'stopped'; reason: StopReason; detail?: string }
  /** The agent asks a person (or the session's policy) before it acts. */
  | { type: 'permission-requested'; request: PermissionRequest }
  | {
      type: 'permission-resolved';
      requestId: string;
      decision: PermissionDecision;
      by: 'person' | 'policy' | 'cancelled';
      scope?: PermissionScope;
      message?: string;
      /** The rule a `session` scope added, in the CLI's syntax (e.g. `Bash(npm test:*)`). */
      rule?: string;
      /** Answers to a question request: question text -> chosen label(s). */
      answers?: Record<string, string>;
      /** A request troupe's policy answered at once (no permission-requested came before it). */
      request?: PermissionRequest;
    }
  /** What the session changed in its workspace, refreshed after a tool call or a turn. */
  | { type: 'workspace-changed'; changes: WorkspaceChanges }
  /**
   * The workspace left plain use: kept with changes when the session ended, merged, discarded,
   * kept as a branch, or removed because it was empty. May follow the log's footer (a person acts
   * on an ended session's workspace) without reopening the session.
   */
  | { type: 'workspace-state'; state: WorkspaceState; detail?: string; commit?: string };

export type SessionEventType = SessionEventBody['type'];

export type SessionEvent = SessionEventBody & {
  /** Per session, from 1. */
  seq: number;
  /** Epoch ms. */
  at: number;
};

export type EventOf<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;

/** Every event type, in the order a session usually meets them. */
export const SESSION_EVENT_TYPES: readonly SessionEventType[] = [
  'user',
  'chunk',
  'stderr',
  'spawn',
  'cli-session',
  'turn-done',
  'turn-failed',
  'turn-interrupted',
  'exit',
  'worker-died',
  'restart-scheduled',
  'resumed',
  'notice',
  'log-error',
  'stopped',
  'permission-requested',
  'permission-resolved',
  'workspace-changed',
  'workspace-state',
];

/** Stops that leave a session failed rather than stopped. */
export function isFailureStop(reason: StopReason): boolean {
  return reason === 'failed' || reason === 'log-error';
}

/** The turn an event belongs to, when it says. */
export function eventTurn(event: SessionEvent): number | undefined {
  switch (event.type) {
    case 'user':
    case 'chunk':
    case 'spawn':
    case 'turn-done':
    case 'turn-failed':
    case 'turn-interrupted':
      return event.turn;
    default:
      return undefined;
  }
}
