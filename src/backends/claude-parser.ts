/**
 * Claude Code `--output-format stream-json` lines -> AgentChunks. Stateful: partial-message
 * deltas are remembered until their finished block arrives (see claude-partial-text.ts).
 */
import type { AgentChunk } from '../protocol/index.js';
import {
  arrayField,
  compact,
  isObject,
  numberField,
  objectField,
  stringField,
  stringsField,
  type JsonObject,
} from './json-fields.js';
import { createPartialTextTracker } from './claude-partial-text.js';
import { createJsonLineParser, rawChunk } from './json-line-parser.js';
import type { LineParser } from './types.js';

export function createClaudeParser(): LineParser {
  const partial = createPartialTextTracker();
  let currentMessageId = '';

  function onStreamEvent(event: JsonObject): AgentChunk[] {
    const inner = objectField(event, 'event');
    const innerType = stringField(inner, 'type');
    if (innerType === 'message_start') {
      currentMessageId = stringField(objectField(inner, 'message'), 'id') ?? '';
      return [];
    }
    if (innerType === 'message_stop') return onAbandoned(event);
    if (innerType !== 'content_block_delta') return [];
    const delta = objectField(inner, 'delta');
    const text = stringField(delta, 'text');
    if (stringField(delta, 'type') !== 'text_delta' || !text) return [];
    const messageId = stringField(event, 'api_message_id') ?? currentMessageId;
    return partial.delta(messageId, numberField(inner, 'index') ?? 0, text);
  }

  /**
   * When an API stream breaks off, Claude ends it with a message_stop naming the abandoned blocks
   * and retries the request (without streaming): the text already streamed for them is void.
   */
  function onAbandoned(event: JsonObject): AgentChunk[] {
    const abandoned = objectField(event, 'abandoned_blocks');
    if (!abandoned) return [];
    const messageId = stringField(abandoned, 'api_message_id') ?? stringField(event, 'api_message_id') ?? currentMessageId;
    const text = partial.abandon(messageId, numberField(abandoned, 'from_block_index') ?? 0);
    if (text === '') return [];
    const message = `The API stream broke off and Claude retried the request: discard the ${text.length} characters of text streamed before the break: ${JSON.stringify(text)}`;
    return [{ kind: 'notice', level: 'warning', code: 'text_abandoned', message, discardText: text }];
  }

  function onAssistant(event: JsonObject, line: string): AgentChunk[] {
    const message = objectField(event, 'message');
    const messageId = stringField(message, 'id') ?? '';
    // Claude writes local failures (no login, bad key) as a synthetic assistant message.
    const apiError =
      stringField(event, 'error') ?? (event.is_api_error_message === true ? 'api_error' : undefined);
    const chunks: AgentChunk[] = [];
    for (const block of arrayField(message, 'content') ?? []) {
      if (!isObject(block)) continue;
      const type = stringField(block, 'type');
      if (type === 'text') {
        const text = stringField(block, 'text') ?? '';
        if (apiError) chunks.push({ kind: 'notice', level: 'error', code: apiError, message: text });
        else chunks.push(...partial.finished(messageId, text));
      } else if (type === 'thinking') {
        const text = stringField(block, 'thinking');
        if (text) chunks.push({ kind: 'reasoning', text });
      } else if (type === 'tool_use' || type === 'server_tool_use' || type === 'mcp_tool_use') {
        chunks.push({
          kind: 'tool_use',
          toolId: stringField(block, 'id') ?? '',
          name: stringField(block, 'name') ?? type,
          input: block.input ?? {},
        });
      } else if (type?.endsWith('_tool_result')) {
        chunks.push(toolResult(block));
      } else if (type !== 'redacted_thinking') {
        chunks.push(rawChunk(event, line, `assistant/${type ?? 'unknown'}`));
      }
    }
    return chunks;
  }

  function onResult(event: JsonObject): AgentChunk[] {
    partial.reset();
    currentMessageId = '';
    const chunks: AgentChunk[] = [];
    // The two figures have different scopes (measured with Claude Code 2.1.329): `usage` counts
    // this turn's tokens only, while total_cost_usd is the running total of the whole
    // conversation, carried over into a process that resumes it.
    const usage = objectField(event, 'usage');
    if (usage) {
      chunks.push(
        compact({
          kind: 'usage',
          scope: 'turn',
          inputTokens: numberField(usage, 'input_tokens'),
          outputTokens: numberField(usage, 'output_tokens'),
          cacheReadTokens: numberField(usage, 'cache_read_input_tokens'),
          cacheWriteTokens: numberField(usage, 'cache_creation_input_tokens'),
        }),
      );
    }
    const costUsd = numberField(event, 'total_cost_usd');
    if (costUsd !== undefined) chunks.push({ kind: 'usage', scope: 'thread', costUsd });
    // API errors arrive as subtype "success" with is_error true: is_error decides.
    const subtype = stringField(event, 'subtype');
    const failed = event.is_error === true || (subtype?.startsWith('error') ?? false);
    chunks.push(
      compact({
        kind: 'done',
        ok: !failed,
        result: stringField(event, 'result'),
        reason: stringField(event, 'terminal_reason') ?? subtype,
        errors: stringsField(event, 'errors'),
        numTurns: numberField(event, 'num_turns'),
        durationMs: numberField(event, 'duration_ms'),
      }),
    );
    return chunks;
  }

  return createJsonLineParser((event, line) => {
    switch (stringField(event, 'type')) {
      case 'system':
        return onSystem(event, line);
      case 'assistant':
        return onAssistant(event, line);
      case 'user':
        return onUser(event);
      case 'stream_event':
        return onStreamEvent(event);
      case 'result':
        return onResult(event);
      default:
        return [rawChunk(event, line)];
    }
  });
}

function onSystem(event: JsonObject, line: string): AgentChunk[] {
  const subtype = stringField(event, 'subtype');
  switch (subtype) {
    case 'init': {
      const cliSessionId = stringField(event, 'session_id');
      if (!cliSessionId) return [rawChunk(event, line, 'system/init')];
      return [
        compact({
          kind: 'session',
          cliSessionId,
          model: stringField(event, 'model'),
          cwd: stringField(event, 'cwd'),
        }),
      ];
    }
    case 'api_retry': {
      const attempt = numberField(event, 'attempt');
      const max = numberField(event, 'max_retries');
      const delay = numberField(event, 'retry_delay_ms');
      const status = numberField(event, 'error_status');
      const cause = stringField(event, 'error') ?? 'error';
      const message =
        `API request failed (${status ?? 'no status'}, ${cause})` +
        (attempt !== undefined ? `; retry ${attempt}${max !== undefined ? `/${max}` : ''}` : '') +
        (delay !== undefined ? ` in ${delay} ms` : '');
      return [{ kind: 'notice', level: 'warning', code: 'api_retry', message }];
    }
    case 'permission_denied': {
      const tool = stringField(event, 'tool_name') ?? 'a tool';
      const message = stringField(event, 'message') ?? `permission denied for ${tool}`;
      return [{ kind: 'notice', level: 'warning', code: 'permission_denied', message }];
    }
    case 'status': {
      const status = stringField(event, 'status');
      return status ? [{ kind: 'notice', level: 'info', code: 'status', message: status }] : [];
    }
    case 'compact_boundary':
      return [{ kind: 'notice', level: 'info', code: 'compact_boundary', message: 'conversation compacted' }];
    default:
      return [rawChunk(event, line, `system/${subtype ?? 'unknown'}`)];
  }
}

/** User lines carry tool results; the user's own text is ours already, not the agent's. */
function onUser(event: JsonObject): AgentChunk[] {
  const chunks: AgentChunk[] = [];
  for (const block of arrayField(objectField(event, 'message'), 'content') ?? []) {
    if (isObject(block) && stringField(block, 'type') === 'tool_result') chunks.push(toolResult(block));
  }
  return chunks;
}

function toolResult(block: JsonObject): AgentChunk {
  return {
    kind: 'tool_result',
    toolId: stringField(block, 'tool_use_id') ?? '',
    output: contentText(block.content),
    isError: block.is_error === true,
  };
}

/** Tool result content: a string, or blocks of text (images shown as a marker). */
function contentText(content: unknown): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return JSON.stringify(content);
  return content
    .map((part) => {
      const type = stringField(part, 'type');
      if (type === 'text') return stringField(part, 'text') ?? '';
      if (type === 'image') return '[image]';
      return JSON.stringify(part);
    })
    .join('\n');
}
