/**
 * What crosses the dashboard's WebSocket: commands from the browser, messages from the server.
 * One JSON object per frame. The browser imports these types; the server validates every command.
 */
import type { BackendId, PersonaId, TaskKind } from './ids.js';
import type { SessionInfo, SessionSpec } from './session.js';
import type { SessionEvent } from './session-events.js';
import type { PermissionAnswer } from './permissions.js';

/** Frames bigger than this get an error reply (and bigger than the hard cap close the socket). */
export const MAX_COMMAND_BYTES = 256 * 1024;
/** A follow-up message or a first prompt may not be longer than this. */
export const MAX_MESSAGE_CHARS = 100_000;
/** A client streams chunks of at most this many sessions at once. */
export const MAX_WATCHED_SESSIONS = 16;
/** A history page stops before its entries pass this many bytes (the first entry always comes). */
export const MAX_HISTORY_PAGE_BYTES = 1024 * 1024;
/** A history entry larger than this is cut (its longest strings shortened) and marked `truncated`. */
export const MAX_HISTORY_ENTRY_BYTES = 64 * 1024;

/**
 * The WebSocket subprotocols a client offers: `troupe` (which the server picks) and one carrying
 * the token. Browsers let a page set no other header on a WebSocket, and this one goes only to the
 * server the page connects to, unlike a cookie, which every server on the host would receive.
 */
export const WS_PROTOCOL = 'troupe';
export const WS_TOKEN_PREFIX = 'troupe-token.';

export function wsProtocols(token: string): string[] {
  return [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${token}`];
}

// ---------------------------------------------------------------------------------------------
// Browser -> server

/** What the dashboard may ask for when starting a session (no paths, no arbitrary environment). */
export type WireStartSpec = Pick<SessionSpec, 'backend' | 'persona' | 'beadId' | 'task' | 'prompt' | 'model' | 'longLived' | 'workspace'> & {
  /** Only `TROUPE_SIM_*` knobs of the simulated agent. */
  env?: Record<string, string>;
};

export type ClientCommand =
  | { type: 'start'; spec: WireStartSpec }
  | { type: 'send'; sessionId?: string; message: string }
  | { type: 'interrupt'; sessionId?: string }
  | { type: 'stop'; sessionId?: string }
  | { type: 'terminate'; sessionId: string }
  | { type: 'revive'; sessionId: string; message?: string }
  | { type: 'switch-active'; sessionId: string }
  | { type: 'list' }
  /** A page of a session's log, newest first: a listed session's or (read-only) a past one's. */
  | { type: 'history'; sessionId: string; limit?: number; before?: number }
  /** Sessions in the project's logs, newest first, matching every word of `query` (a PastSessionsPage). */
  | { type: 'find-sessions'; query?: string; limit?: number; before?: string }
  /** A past or ended session continued: listed again, its next turn started (with `message`, else troupe's own). */
  | { type: 'resume'; sessionId: string; message?: string }
  | { type: 'beads-tree' }
  /** The sessions whose chunks and stderr this client wants live (replaces the previous set). */
  | { type: 'watch'; sessionIds: string[] }
  /** A person's answer to a pending permission request (the first of two tabs wins). */
  | ({ type: 'answer-permission'; sessionId: string; requestId: string } & PermissionAnswer)
  | { type: 'ping' }
  | WorkspaceCommand;

/** What a person does with a session's workspace (replies: src/protocol/workspace.ts). */
export type WorkspaceCommand =
  /** Reply: WorkspaceDiff and a suggested `commitMessage`. */
  | { type: 'workspace-diff'; sessionId: string }
  | { type: 'workspace-commit'; sessionId: string; message?: string }
  /** Reply: MergeOutcome. A conflict is an error `WORKSPACE_CONFLICT` naming the files; nothing changed. */
  | { type: 'workspace-merge'; sessionId: string }
  /** Removes the worktree and its branch: `confirm` says the person saw what is lost. */
  | { type: 'workspace-discard'; sessionId: string; confirm: true }
  | { type: 'workspace-keep'; sessionId: string };

export type ClientCommandType = ClientCommand['type'];

/** A command as sent: `id` (chosen by the client) comes back on the reply. */
export type ClientRequest = ClientCommand & { id?: number | string };

// ---------------------------------------------------------------------------------------------
// Server -> browser

/** One bead of the WBS tree, as the dashboard draws it (the beads module's wire node). */
export interface WireBead {
  id: string;
  title: string;
  /** `epic`, `task`, `bug`, ... (unknown values are kept). */
  type: string;
  status: string;
  /** 0 (most urgent) .. 4. */
  priority: number;
  /** A `blocks` dependency points at an issue that is not closed. */
  blocked: boolean;
  blockedBy: string[];
  /** Direct children, and the whole subtree below by state. */
  counts: { children: number; open: number; closed: number; inProgress: number };
  children: WireBead[];
}

export interface WireTree {
  roots: WireBead[];
  /** Number of beads in the tree (every depth). */
  count: number;
  loadedAt: number;
  /** Set when the beads could not be read; the tree is then empty or the last good one. */
  error?: string;
}

export interface BackendStatus {
  id: BackendId;
  label: string;
  installed: boolean;
  /** Why it cannot be used (not installed, no credentials, ...), with the install hint. */
  reason?: string;
  version?: string;
  /** Models to offer for `--model` (any other name may be typed). */
  models?: string[];
}

export interface PersonaSummary {
  id: PersonaId;
  label: string;
  icon: string;
  description?: string;
  /** The task a session on a bead gets when none is picked. */
  defaultTask?: TaskKind;
  tasks?: TaskKind[];
}

export interface DashboardStats {
  running: number;
  idle: number;
  failed: number;
  restarting: number;
  stopped: number;
  total: number;
  /** Agent chunks per second over the last second, all sessions. */
  chunkRate: number;
  /** Restarts summed over every listed session. */
  restarts: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
}

/** On a history event whose log record was too large to send whole: its longest strings were cut ('…'). */
export interface TruncationMark {
  /** The record's full size in the log, in bytes. */
  bytes: number;
}

/** An event as the history sends it: cut short, with a mark, when its record was too large. */
export type HistoryEvent = SessionEvent & { truncated?: TruncationMark };

export interface HistoryPage {
  sessionId: string;
  /** The session's events from its log, newest first; a page holds at most about MAX_HISTORY_PAGE_BYTES. */
  events: HistoryEvent[];
  /** Pass as `before` to get the next (older) page; absent when this page reached the start. */
  nextBefore?: number;
}

/** The fields of a known session that changed: `set` replaces them, `unset` removes them. */
export interface SessionPatch {
  sessionId: string;
  set: Partial<SessionInfo>;
  unset?: (keyof SessionInfo)[];
}

/** Applies a patch to the session it names; a patch never changes the id. */
export function applySessionPatch(info: SessionInfo, patch: SessionPatch): SessionInfo {
  const next: Record<string, unknown> = { ...info, ...patch.set, sessionId: info.sessionId };
  for (const key of patch.unset ?? []) delete next[key];
  return next as unknown as SessionInfo;
}

export interface WireError {
  code: string;
  message: string;
}

export interface HelloMessage {
  type: 'hello';
  version: string;
  projectRoot: string;
  projectName: string;
  defaultBackend: BackendId;
  backends: BackendStatus[];
  personas: PersonaSummary[];
}

/** The whole state a client needs; sent on connect and instead of a backlog a client fell behind on. */
export interface SnapshotMessage {
  type: 'snapshot';
  sessions: SessionInfo[];
  active: string | null;
  tree: WireTree | null;
  stats: DashboardStats;
  /** True when queued updates were dropped because the client fell behind: refetch history. */
  resync: boolean;
}

export type ServerMessage =
  | HelloMessage
  | SnapshotMessage
  /** New, changed and removed sessions since the last message of this kind. */
  | { type: 'sessions'; upsert: SessionInfo[]; patch: SessionPatch[]; removed: string[] }
  | { type: 'active'; sessionId: string | null }
  /** Events of one session in order; consecutive text deltas arrive merged, stderr may be thinned under a flood. */
  | { type: 'events'; sessionId: string; events: SessionEvent[] }
  /** A session changed to a state a person may want to know about (notifications). */
  | { type: 'attention'; sessionId: string; reason: 'idle' | 'failed' | 'restarting' | 'waiting'; detail?: string }
  | { type: 'tree'; tree: WireTree }
  | { type: 'stats'; stats: DashboardStats }
  | { type: 'reply'; id: number | string | null; ok: true; result?: unknown }
  | { type: 'reply'; id: number | string | null; ok: false; error: WireError };

export type ServerMessageType = ServerMessage['type'];
