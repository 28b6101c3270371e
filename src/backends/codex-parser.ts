/**
 * Codex `exec --json` lines -> AgentChunks. Items have a lifecycle (started, updated,
 * completed); a command is a tool_use when it starts and a tool_result when it completes.
 */
import type { AgentChunk } from '../protocol/index.js';
import {
  arrayField,
  compact,
  isObject,
  numberField,
  objectField,
  stringField,
  type JsonObject,
} from './json-fields.js';
import { createJsonLineParser, rawChunk } from './json-line-parser.js';
import type { LineParser } from './types.js';

type Phase = 'started' | 'updated' | 'completed';

/** Codex prints these while it retries a lost connection: progress, not failure. */
const RETRY_NOTICE = /^Reconnecting\b/;

export function createCodexParser(): LineParser {
  // Tool items already announced by item.started, so completion does not announce them again.
  const announced = new Set<string>();
  let lastMessage: string | undefined;

  function toolUse(id: string, name: string, input: unknown): AgentChunk[] {
    if (announced.has(id)) return [];
    announced.add(id);
    return [{ kind: 'tool_use', toolId: id, name, input }];
  }

  function toolItem(phase: Phase, id: string, name: string, input: unknown, result: () => AgentChunk): AgentChunk[] {
    const chunks = toolUse(id, name, input);
    if (phase === 'completed') {
      announced.delete(id);
      chunks.push(result());
    }
    return chunks;
  }

  function onItem(phase: Phase, event: JsonObject, line: string): AgentChunk[] {
    const item = objectField(event, 'item');
    const type = stringField(item, 'type');
    const id = stringField(item, 'id') ?? '';
    switch (type) {
      case 'agent_message': {
        const text = stringField(item, 'text');
        if (phase !== 'completed' || !text) return [];
        lastMessage = text;
        return [{ kind: 'text', text, delta: false }];
      }
      case 'reasoning': {
        const text = stringField(item, 'text');
        return phase === 'completed' && text ? [{ kind: 'reasoning', text }] : [];
      }
      case 'command_execution': {
        if (phase === 'updated') return [];
        const exitCode = numberField(item, 'exit_code');
        return toolItem(phase, id, 'shell', { command: stringField(item, 'command') ?? '' }, () => ({
          kind: 'tool_result',
          toolId: id,
          output: stringField(item, 'aggregated_output') ?? '',
          isError: exitCode !== 0,
        }));
      }
      case 'file_change': {
        if (phase === 'updated') return [];
        const changes = arrayField(item, 'changes') ?? [];
        return toolItem(phase, id, 'file_change', { changes }, () => ({
          kind: 'tool_result',
          toolId: id,
          output: changes
            .filter(isObject)
            .map((c) => `${stringField(c, 'kind') ?? 'change'} ${stringField(c, 'path') ?? ''}`.trim())
            .join('\n'),
          isError: stringField(item, 'status') === 'failed',
        }));
      }
      case 'mcp_tool_call': {
        if (phase === 'updated') return [];
        const name = [stringField(item, 'server'), stringField(item, 'tool')].filter(Boolean).join('.');
        const error = stringField(objectField(item, 'error'), 'message');
        return toolItem(phase, id, name || 'mcp_tool_call', item?.arguments ?? {}, () => ({
          kind: 'tool_result',
          toolId: id,
          output: error ?? (item?.result === undefined || item.result === null ? '' : JSON.stringify(item.result)),
          isError: error !== undefined || stringField(item, 'status') === 'failed',
        }));
      }
      case 'web_search': {
        if (phase === 'updated') return [];
        return toolItem(phase, id, 'web_search', { query: stringField(item, 'query') ?? '' }, () => ({
          kind: 'tool_result',
          toolId: id,
          output: '',
          isError: false,
        }));
      }
      case 'todo_list': {
        const items = (arrayField(item, 'items') ?? []).filter(isObject);
        const message = items
          .map((t) => `${t.completed === true ? '[x]' : '[ ]'} ${stringField(t, 'text') ?? ''}`)
          .join('\n');
        return [{ kind: 'notice', level: 'info', code: 'todo_list', message }];
      }
      case 'error': {
        // Item errors are warnings (e.g. missing model metadata); the turn continues.
        const message = stringField(item, 'message') ?? 'error';
        return phase === 'completed' ? [{ kind: 'notice', level: 'warning', code: 'cli_error', message }] : [];
      }
      default:
        return [rawChunk(event, line, `item/${type ?? 'unknown'}`)];
    }
  }

  function endTurn(): void {
    announced.clear();
    lastMessage = undefined;
  }

  return createJsonLineParser((event, line) => {
    switch (stringField(event, 'type')) {
      case 'thread.started': {
        const cliSessionId = stringField(event, 'thread_id');
        return cliSessionId ? [{ kind: 'session', cliSessionId }] : [rawChunk(event, line)];
      }
      case 'turn.started':
        return [];
      case 'item.started':
        return onItem('started', event, line);
      case 'item.updated':
        return onItem('updated', event, line);
      case 'item.completed':
        return onItem('completed', event, line);
      case 'turn.completed': {
        const usage = objectField(event, 'usage');
        const result = lastMessage;
        endTurn();
        const chunks: AgentChunk[] = [];
        if (usage) {
          chunks.push(
            compact<AgentChunk>({
              kind: 'usage',
              // Codex reports the running total of the whole thread, not this turn's share.
              scope: 'thread',
              inputTokens: numberField(usage, 'input_tokens'),
              outputTokens: numberField(usage, 'output_tokens'),
              cacheReadTokens: numberField(usage, 'cached_input_tokens'),
              cacheWriteTokens: numberField(usage, 'cache_write_input_tokens'),
            }),
          );
        }
        chunks.push(compact<AgentChunk>({ kind: 'done', ok: true, result, reason: 'completed' }));
        return chunks;
      }
      case 'turn.failed': {
        endTurn();
        const message = stringField(objectField(event, 'error'), 'message') ?? 'turn failed';
        return [{ kind: 'done', ok: false, result: message, reason: 'turn_failed', errors: [message] }];
      }
      case 'error': {
        const message = stringField(event, 'message') ?? 'error';
        const code = RETRY_NOTICE.test(message) ? 'retry' : 'cli_error';
        return [{ kind: 'notice', level: 'warning', code, message }];
      }
      default:
        return [rawChunk(event, line)];
    }
  });
}
