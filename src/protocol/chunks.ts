/**
 * One normalized chunk type for every agent CLI's stdout events.
 * Parsers map each JSON line to zero or more of these; anything unknown becomes `raw`.
 */

/** The CLI's own conversation id (Claude session_id, Gemini session_id, Codex thread_id). */
export interface SessionChunk {
  kind: 'session';
  cliSessionId: string;
  model?: string;
  cwd?: string;
}

/**
 * Assistant text. `delta: true` is a streamed fragment to append; `false` is a whole block.
 * A parser never emits the same text twice (e.g. Claude partial deltas and then the whole block).
 */
export interface TextChunk {
  kind: 'text';
  text: string;
  delta: boolean;
}

export interface ReasoningChunk {
  kind: 'reasoning';
  text: string;
}

export interface ToolUseChunk {
  kind: 'tool_use';
  toolId: string;
  name: string;
  input: unknown;
}

export interface ToolResultChunk {
  kind: 'tool_result';
  toolId: string;
  output: string;
  isError: boolean;
}

/**
 * Token and cost figures. `scope` says what they cover: a single turn, the whole CLI process
 * (Claude's total_cost_usd is a running total per process), or the whole thread (Codex).
 */
export interface UsageChunk {
  kind: 'usage';
  scope: 'turn' | 'process' | 'thread';
  inputTokens?: number;
  outputTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  costUsd?: number;
}

export interface NoticeChunk {
  kind: 'notice';
  level: 'info' | 'warning' | 'error';
  message: string;
  /** Machine-readable cause, e.g. 'api_retry', 'line_too_long', 'unparsable_line'. */
  code?: string;
  /** Text streamed earlier that is void (a broken stream the CLI retried): remove it from the end of what was shown. */
  discardText?: string;
}

/** The backend's final event of a turn. A turn that ends without one is a crash. */
export interface DoneChunk {
  kind: 'done';
  ok: boolean;
  result?: string;
  reason?: string;
  errors?: string[];
  numTurns?: number;
  durationMs?: number;
}

/** An event this parser does not know, kept whole for the log. */
export interface RawChunk {
  kind: 'raw';
  type: string;
  line: string;
}

export type AgentChunk =
  | SessionChunk
  | TextChunk
  | ReasoningChunk
  | ToolUseChunk
  | ToolResultChunk
  | UsageChunk
  | NoticeChunk
  | DoneChunk
  | RawChunk;

export type AgentChunkKind = AgentChunk['kind'];

/** A chunk as it leaves the worker: numbered per session and stamped. */
export type SequencedChunk = AgentChunk & {
  /** Per-session sequence number, from 1, never reused across turns or restarts. */
  seq: number;
  /** Turn number (1-based) this chunk belongs to. */
  turn: number;
  /** Epoch ms when the worker parsed the line. */
  at: number;
  /** Epoch ms written by the agent itself (the simulated agent's `ts`), for latency figures. */
  emittedAt?: number;
};
