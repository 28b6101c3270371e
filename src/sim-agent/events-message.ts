/** `assistant` lines (one finished content block each) and `user` lines carrying tool results. */
import { messageUsage, type EventContext, type Tokens } from './event-context.js';
import { newUuid } from './ids.js';
import type { JsonLine } from './line-writer.js';

/** One API response: the blocks between two tool results share its ids. */
export interface ApiMessage {
  id: string;
  requestId: string;
  /** Content blocks started so far (the next block's index). */
  blocks: number;
}

export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export function assistantEvent(ctx: EventContext, message: ApiMessage, block: ContentBlock, tokens: Tokens): JsonLine {
  return {
    type: 'assistant',
    message: {
      id: message.id,
      type: 'message',
      role: 'assistant',
      model: ctx.model,
      content: [block],
      stop_reason: null,
      stop_sequence: null,
      usage: messageUsage(tokens),
      context_management: null,
    },
    parent_tool_use_id: null,
    session_id: ctx.sessionId,
    uuid: newUuid(),
    timestamp: new Date().toISOString(),
    request_id: message.requestId,
  };
}

export function toolResultEvent(
  ctx: EventContext,
  toolId: string,
  content: string,
  toolUseResult: unknown,
  isError = false,
): JsonLine {
  return {
    type: 'user',
    message: { role: 'user', content: [{ tool_use_id: toolId, type: 'tool_result', content, is_error: isError }] },
    parent_tool_use_id: null,
    session_id: ctx.sessionId,
    uuid: newUuid(),
    timestamp: new Date().toISOString(),
    tool_use_result: toolUseResult,
    tool_result_meta: [
      { id: toolId, permission_decision: { decision: 'accept', source: 'config', reason_type: 'mode' } },
    ],
  };
}

/** A tool result that is an error: a denial, a rejection (as Claude writes them). */
export function toolErrorEvent(ctx: EventContext, toolId: string, content: string): JsonLine {
  return {
    type: 'user',
    message: { role: 'user', content: [{ type: 'tool_result', content, is_error: true, tool_use_id: toolId }] },
    parent_tool_use_id: null,
    session_id: ctx.sessionId,
    uuid: newUuid(),
    timestamp: new Date().toISOString(),
    tool_use_result: `Error: ${content}`,
  };
}

/** The user line Claude writes when a person interrupted the turn. */
export function interruptedUserEvent(ctx: EventContext, forToolUse: boolean): JsonLine {
  const text = forToolUse ? '[Request interrupted by user for tool use]' : '[Request interrupted by user]';
  return {
    type: 'user',
    message: { role: 'user', content: [{ type: 'text', text }] },
    parent_tool_use_id: null,
    session_id: ctx.sessionId,
    uuid: newUuid(),
    timestamp: new Date().toISOString(),
  };
}

/** The message Claude writes itself when the API refuses the key (see the api-401 capture). */
export function apiErrorAssistantEvent(ctx: EventContext, text: string): JsonLine {
  return {
    type: 'assistant',
    message: {
      diagnostics: null,
      id: newUuid(),
      container: null,
      model: '<synthetic>',
      role: 'assistant',
      stop_details: null,
      stop_reason: 'stop_sequence',
      stop_sequence: '',
      type: 'message',
      usage: {
        output_tokens_details: null,
        input_tokens: 0,
        output_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        server_tool_use: { web_search_requests: 0, web_fetch_requests: 0 },
        service_tier: null,
        cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
        inference_geo: null,
        iterations: null,
        speed: null,
        fallback_credit: null,
      },
      content: [{ type: 'text', text }],
      context_management: null,
    },
    parent_tool_use_id: null,
    session_id: ctx.sessionId,
    uuid: newUuid(),
    timestamp: new Date().toISOString(),
    error: 'authentication_failed',
    request_id: 'req_err',
    is_api_error_message: true,
    api_error_status: 401,
    api_error_type: 'authentication_error',
  };
}
