/** `stream_event` lines: the raw API deltas written with --include-partial-messages. */
import { messageUsage, type EventContext, type Tokens } from './event-context.js';
import { newUuid } from './ids.js';
import type { JsonLine } from './line-writer.js';
import type { ApiMessage, ContentBlock } from './events-message.js';

function wrap(ctx: EventContext, message: ApiMessage, event: Record<string, unknown>, extra: JsonLine = {}): JsonLine {
  return {
    type: 'stream_event',
    event,
    session_id: ctx.sessionId,
    parent_tool_use_id: null,
    uuid: newUuid(),
    ...extra,
    api_message_id: message.id,
  };
}

export function messageStartEvent(ctx: EventContext, message: ApiMessage, tokens: Tokens, ttftMs: number): JsonLine {
  const event = {
    type: 'message_start',
    message: {
      id: message.id,
      type: 'message',
      role: 'assistant',
      model: ctx.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: messageUsage(tokens),
    },
  };
  return wrap(ctx, message, event, { ttft_ms: ttftMs, thinking_display: 'updates' });
}

/** A block opens empty: text '' or a tool_use with input {} (filled by input_json deltas). */
export function blockStartEvent(ctx: EventContext, message: ApiMessage, index: number, block: ContentBlock): JsonLine {
  const contentBlock = block.type === 'text' ? { type: 'text', text: '' } : { ...block, input: {} };
  return wrap(ctx, message, { type: 'content_block_start', index, content_block: contentBlock });
}

export function textDeltaEvent(ctx: EventContext, message: ApiMessage, index: number, text: string): JsonLine {
  return wrap(ctx, message, { type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
}

export function inputJsonDeltaEvent(ctx: EventContext, message: ApiMessage, index: number, partialJson: string): JsonLine {
  return wrap(ctx, message, {
    type: 'content_block_delta',
    index,
    delta: { type: 'input_json_delta', partial_json: partialJson },
  });
}

export function blockStopEvent(ctx: EventContext, message: ApiMessage, index: number): JsonLine {
  return wrap(ctx, message, { type: 'content_block_stop', index });
}

export function messageDeltaEvent(ctx: EventContext, message: ApiMessage, stopReason: string, outputTokens: number): JsonLine {
  return wrap(ctx, message, {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: outputTokens },
  });
}

export function messageStopEvent(ctx: EventContext, message: ApiMessage): JsonLine {
  return wrap(ctx, message, { type: 'message_stop' });
}
