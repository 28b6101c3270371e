/** `result` lines: the last line of every turn, success or failure. */
import { costOf, modelUsage, resultUsage, type EventContext, type Tokens } from './event-context.js';
import { newUuid } from './ids.js';
import type { JsonLine } from './line-writer.js';

const NO_TOKENS: Tokens = { input: 0, output: 0 };

const SUBAGENT_STATS = {
  spawned: 0,
  requested: { background: 0, foreground: 0, unset: 0 },
  started_in_background: 0,
  max_depth: 0,
  spawned_by_subagents: 0,
  completed: 0,
  failed: 0,
  killed: { parent: 0, user: 0, system: 0 },
  refused: { depth_limit: 0, concurrency_limit: 0, budget: 0 },
  by_type: {},
};

export interface TurnFigures {
  tokens: Tokens;
  /** Running total of this process, as Claude reports it. */
  totalCostUsd: number;
  numTurns: number;
  durationMs: number;
  durationApiMs: number;
  ttftMs: number;
}

/** A tool call the agent was not allowed to make, as `result.permission_denials` lists it. */
export interface PermissionDenial {
  tool_name: string;
  tool_use_id: string;
  tool_input: unknown;
}

export function successResult(ctx: EventContext, result: string, figures: TurnFigures, denials: PermissionDenial[] = []): JsonLine {
  const usageByModel = modelUsage(ctx.model, figures.tokens, costOf(figures.tokens));
  return {
    duration_api_ms: figures.durationApiMs,
    stop_reason: 'end_turn',
    session_id: ctx.sessionId,
    total_cost_usd: figures.totalCostUsd,
    usage: resultUsage(figures.tokens),
    modelUsage: usageByModel,
    permission_denials: denials,
    terminal_reason: 'completed',
    fast_mode_state: 'off',
    fast_mode_disabled_reason: 'sdk_opt_in_required',
    subagent_stats: SUBAGENT_STATS,
    safety_stops: 0,
    is_error: false,
    num_turns: figures.numTurns,
    subtype: 'success',
    api_error_status: null,
    result,
    ttft_ms: figures.ttftMs,
    type: 'result',
    duration_ms: figures.durationMs,
    uuid: newUuid(),
    ttft_stream_ms: figures.ttftMs,
    time_to_request_ms: 0,
    first_content_frame_ms: figures.ttftMs,
    queued_turn_count: 0,
    result_index: 0,
    model_usage_since_last_result: usageByModel,
  };
}

/** The API refused the key: `subtype` says success, `is_error` says otherwise (as Claude does). */
export function apiErrorResult(ctx: EventContext, message: string, totalCostUsd: number, durationMs: number): JsonLine {
  return {
    duration_api_ms: 0,
    stop_reason: 'stop_sequence',
    session_id: ctx.sessionId,
    total_cost_usd: totalCostUsd,
    usage: resultUsage(NO_TOKENS),
    modelUsage: {},
    permission_denials: [],
    terminal_reason: 'api_error',
    fast_mode_state: 'off',
    fast_mode_disabled_reason: 'sdk_opt_in_required',
    subagent_stats: SUBAGENT_STATS,
    safety_stops: 0,
    is_error: true,
    num_turns: 1,
    subtype: 'success',
    api_error_status: 401,
    api_error_type: 'authentication_error',
    result: message,
    type: 'result',
    duration_ms: durationMs,
    uuid: newUuid(),
    queued_turn_count: 0,
    result_index: 0,
    model_usage_since_last_result: {},
  };
}

/** A person interrupted the turn (`aborted_tools`: while a permission request was pending). */
export function interruptedResult(ctx: EventContext, forToolUse: boolean, figures: TurnFigures, denials: PermissionDenial[]): JsonLine {
  const stopReason = forToolUse ? 'tool_use' : null;
  return {
    duration_api_ms: figures.durationApiMs,
    stop_reason: stopReason,
    session_id: ctx.sessionId,
    total_cost_usd: figures.totalCostUsd,
    usage: resultUsage(figures.tokens),
    modelUsage: modelUsage(ctx.model, figures.tokens, costOf(figures.tokens)),
    permission_denials: denials,
    terminal_reason: forToolUse ? 'aborted_tools' : 'aborted_streaming',
    is_error: true,
    num_turns: figures.numTurns,
    subtype: 'error_during_execution',
    errors: [`[ede_diagnostic] result_type=user last_content_type=n/a stop_reason=${stopReason ?? 'null'}`],
    type: 'result',
    duration_ms: figures.durationMs,
    uuid: newUuid(),
    queued_turn_count: 0,
    result_index: 0,
  };
}

/** The run could not start (e.g. nothing to resume): no turn ran, `errors` says why. */
export function executionErrorResult(sessionId: string, errors: string[]): JsonLine {
  return {
    type: 'result',
    subtype: 'error_during_execution',
    duration_ms: 0,
    duration_api_ms: 0,
    is_error: true,
    num_turns: 0,
    stop_reason: null,
    session_id: sessionId,
    total_cost_usd: 0,
    usage: resultUsage(NO_TOKENS),
    modelUsage: {},
    permission_denials: [],
    terminal_reason: 'error_during_execution',
    uuid: newUuid(),
    errors,
  };
}
