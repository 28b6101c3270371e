/**
 * Gemini CLI `-o stream-json` lines -> AgentChunks. Assistant text comes as deltas;
 * the `user` message is the CLI echoing our prompt and is not agent output.
 */
import type { AgentChunk } from '../protocol/index.js';
import { compact, numberField, objectField, stringField, type JsonObject } from './json-fields.js';
import { createJsonLineParser, rawChunk } from './json-line-parser.js';
import type { LineParser } from './types.js';

export function createGeminiParser(): LineParser {
  // Assistant text since the last tool call: the final answer, carried by done like Claude's result.
  let turnText = '';

  function onResult(event: JsonObject): AgentChunk[] {
    const chunks: AgentChunk[] = [];
    const stats = objectField(event, 'stats');
    if (stats) {
      chunks.push(
        compact<AgentChunk>({
          kind: 'usage',
          scope: 'turn',
          inputTokens: numberField(stats, 'input_tokens'),
          outputTokens: numberField(stats, 'output_tokens'),
          cacheReadTokens: numberField(stats, 'cached'),
        }),
      );
    }
    const status = stringField(event, 'status');
    const ok = status === 'success';
    const errorMessage = stringField(objectField(event, 'error'), 'message');
    chunks.push(
      compact<AgentChunk>({
        kind: 'done',
        ok,
        result: (ok ? turnText : (errorMessage ?? turnText)) || undefined,
        reason: status ?? 'error',
        errors: errorMessage ? [errorMessage] : undefined,
        durationMs: numberField(stats, 'duration_ms'),
      }),
    );
    turnText = '';
    return chunks;
  }

  return createJsonLineParser((event, line) => {
    switch (stringField(event, 'type')) {
      case 'init': {
        const cliSessionId = stringField(event, 'session_id');
        if (!cliSessionId) return [rawChunk(event, line)];
        turnText = '';
        return [compact<AgentChunk>({ kind: 'session', cliSessionId, model: stringField(event, 'model') })];
      }
      case 'message': {
        const role = stringField(event, 'role');
        const text = stringField(event, 'content');
        if (role !== 'assistant') return role === 'user' ? [] : [rawChunk(event, line)];
        if (!text) return [];
        turnText += text;
        return [{ kind: 'text', text, delta: event.delta === true }];
      }
      case 'tool_use':
        turnText = '';
        return [
          {
            kind: 'tool_use',
            toolId: stringField(event, 'tool_id') ?? '',
            name: stringField(event, 'tool_name') ?? 'tool',
            input: event.parameters ?? {},
          },
        ];
      case 'tool_result': {
        const status = stringField(event, 'status');
        const output =
          stringField(event, 'output') ?? stringField(objectField(event, 'error'), 'message') ?? '';
        return [
          { kind: 'tool_result', toolId: stringField(event, 'tool_id') ?? '', output, isError: status !== 'success' },
        ];
      }
      case 'error': {
        // Warnings and recoverable errors; the turn goes on and ends with a result.
        const level = stringField(event, 'severity') === 'error' ? 'error' : 'warning';
        const message = stringField(event, 'message') ?? 'error';
        return [{ kind: 'notice', level, code: 'cli_error', message }];
      }
      case 'result':
        return onResult(event);
      default:
        return [rawChunk(event, line)];
    }
  });
}
