import { describe, expect, it } from 'vitest';
import { createCodexParser } from '../../src/backends/codex-parser.js';
import { captureFiles, kinds, ofKind, parseCapture } from './captures.js';

const METADATA_WARNING =
  'Model metadata for `gpt-5-codex` not found. Defaulting to fallback metadata; this can degrade performance and cause issues.';

describe('codex parser over the real captures', () => {
  it('has an expectation for every capture file', () => {
    expect(captureFiles('codex')).toEqual(['command.jsonl', 'text.jsonl', 'unreachable-retry.jsonl']);
  });

  it('command.jsonl: a shell command as tool_use then tool_result, reasoning, answer, thread usage', () => {
    const chunks = parseCapture(createCodexParser(), 'codex', 'command.jsonl');
    expect(kinds(chunks)).toEqual(['session', 'notice', 'reasoning', 'tool_use', 'tool_result', 'text', 'usage', 'done']);
    expect(ofKind(chunks, 'session')).toEqual([{ kind: 'session', cliSessionId: '01a1faee-cbdd-7733-8bfe-8543cc1eed0c' }]);
    expect(ofKind(chunks, 'notice')).toEqual([
      { kind: 'notice', level: 'warning', code: 'cli_error', message: METADATA_WARNING },
    ]);
    expect(ofKind(chunks, 'reasoning')).toEqual([{ kind: 'reasoning', text: '**Listing files**' }]);
    expect(ofKind(chunks, 'tool_use')).toEqual([
      { kind: 'tool_use', toolId: 'item_2', name: 'shell', input: { command: '/bin/bash -lc ls' } },
    ]);
    expect(ofKind(chunks, 'tool_result')).toEqual([
      { kind: 'tool_result', toolId: 'item_2', output: 'a.txt\n', isError: false },
    ]);
    expect(ofKind(chunks, 'text')).toEqual([{ kind: 'text', text: 'Done: one file.', delta: false }]);
    expect(ofKind(chunks, 'usage')).toEqual([
      { kind: 'usage', scope: 'thread', inputTokens: 3000, outputTokens: 80, cacheReadTokens: 2048, cacheWriteTokens: 0 },
    ]);
    expect(chunks.at(-1)).toEqual({ kind: 'done', ok: true, result: 'Done: one file.', reason: 'completed' });
  });

  it('text.jsonl: one whole agent message', () => {
    const chunks = parseCapture(createCodexParser(), 'codex', 'text.jsonl');
    expect(kinds(chunks)).toEqual(['session', 'notice', 'text', 'usage', 'done']);
    expect(ofKind(chunks, 'session')).toEqual([{ kind: 'session', cliSessionId: '01a1faee-bc44-7131-8dc8-a954c8c836a2' }]);
    expect(ofKind(chunks, 'text')).toEqual([{ kind: 'text', text: 'Done: one file.', delta: false }]);
    expect(ofKind(chunks, 'usage')).toEqual([
      { kind: 'usage', scope: 'thread', inputTokens: 1500, outputTokens: 40, cacheReadTokens: 1024, cacheWriteTokens: 0 },
    ]);
    expect(chunks.at(-1)).toEqual({ kind: 'done', ok: true, result: 'Done: one file.', reason: 'completed' });
  });

  it('unreachable-retry.jsonl: retry notices only, and no done (the turn never ends by itself)', () => {
    const chunks = parseCapture(createCodexParser(), 'codex', 'unreachable-retry.jsonl');
    expect(kinds(chunks)).toEqual(['session', ...Array<string>(10).fill('notice')]);
    expect(ofKind(chunks, 'session')).toEqual([{ kind: 'session', cliSessionId: '01a1fae8-512d-7113-8167-3bbf55d1ebe9' }]);
    const notices = ofKind(chunks, 'notice');
    expect(notices.map((n) => n.code)).toEqual([
      'retry', 'retry', 'retry', 'retry', 'cli_error', 'retry', 'retry', 'retry', 'retry', 'retry',
    ]);
    expect(notices.every((n) => n.level === 'warning')).toBe(true);
    expect(notices[0]?.message).toBe(
      'Reconnecting... 2/5 (stream disconnected before completion: Connection refused (os error 111))',
    );
    expect(ofKind(chunks, 'done')).toEqual([]);
  });
});

describe('codex events beyond the captures', () => {
  const line = (value: unknown) => JSON.stringify(value);

  it('turn.failed ends the turn failed with the error message', () => {
    expect(createCodexParser().parse(line({ type: 'turn.failed', error: { message: 'stream error: 401' } }))).toEqual([
      { kind: 'done', ok: false, result: 'stream error: 401', reason: 'turn_failed', errors: ['stream error: 401'] },
    ]);
  });

  it('a failing command is a tool_result with isError, announced once', () => {
    const parser = createCodexParser();
    const item = { id: 'item_5', type: 'command_execution', command: 'false', aggregated_output: 'boom', exit_code: 1 };
    const out = [
      ...parser.parse(line({ type: 'item.started', item: { ...item, exit_code: null, status: 'in_progress' } })),
      ...parser.parse(line({ type: 'item.updated', item: { ...item, exit_code: null, status: 'in_progress' } })),
      ...parser.parse(line({ type: 'item.completed', item: { ...item, status: 'failed' } })),
    ];
    expect(out).toEqual([
      { kind: 'tool_use', toolId: 'item_5', name: 'shell', input: { command: 'false' } },
      { kind: 'tool_result', toolId: 'item_5', output: 'boom', isError: true },
    ]);
  });

  it('a completed item with no started event still yields tool_use then tool_result', () => {
    const out = createCodexParser().parse(
      line({
        type: 'item.completed',
        item: { id: 'item_7', type: 'file_change', changes: [{ path: 'a.ts', kind: 'update' }], status: 'completed' },
      }),
    );
    expect(out).toEqual([
      { kind: 'tool_use', toolId: 'item_7', name: 'file_change', input: { changes: [{ path: 'a.ts', kind: 'update' }] } },
      { kind: 'tool_result', toolId: 'item_7', output: 'update a.ts', isError: false },
    ]);
  });

  it('mcp tool calls are named server.tool', () => {
    const parser = createCodexParser();
    const item = { id: 'item_8', type: 'mcp_tool_call', server: 'docs', tool: 'search', arguments: { q: 'x' } };
    const out = [
      ...parser.parse(line({ type: 'item.started', item: { ...item, status: 'in_progress' } })),
      ...parser.parse(line({ type: 'item.completed', item: { ...item, status: 'failed', error: { message: 'nope' } } })),
    ];
    expect(out).toEqual([
      { kind: 'tool_use', toolId: 'item_8', name: 'docs.search', input: { q: 'x' } },
      { kind: 'tool_result', toolId: 'item_8', output: 'nope', isError: true },
    ]);
  });

  it('todo lists are info notices; unknown items and events are raw', () => {
    const parser = createCodexParser();
    const todo = line({
      type: 'item.updated',
      item: { id: 'i', type: 'todo_list', items: [{ text: 'a', completed: true }, { text: 'b', completed: false }] },
    });
    expect(parser.parse(todo)).toEqual([{ kind: 'notice', level: 'info', code: 'todo_list', message: '[x] a\n[ ] b' }]);
    const unknownItem = line({ type: 'item.completed', item: { id: 'j', type: 'hologram' } });
    expect(parser.parse(unknownItem)).toEqual([{ kind: 'raw', type: 'item/hologram', line: unknownItem }]);
    const unknownEvent = line({ type: 'thread.archived' });
    expect(parser.parse(unknownEvent)).toEqual([{ kind: 'raw', type: 'thread.archived', line: unknownEvent }]);
  });
});
