import { describe, expect, it } from 'vitest';
import { createGeminiParser } from '../../src/backends/gemini-parser.js';
import type { AgentChunk } from '../../src/protocol/index.js';
import { captureFiles, kinds, ofKind, parseCapture } from './captures.js';

interface Expected {
  kinds: string[];
  session: { cliSessionId: string; model: string };
  text: string;
  tools: { toolId: string; name: string; isError: boolean; output: string }[];
  tokens: { input: number; output: number };
  done: Extract<AgentChunk, { kind: 'done' }>;
}

const MOCK_TEXT = 'Hello from the mock.';
const API_400 =
  '[API Error: {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT"}}]';
const NOT_REGISTERED =
  'Tool "run_shell_command" not found. Did you mean one of: "update_topic", "grep_search", "invoke_agent"?';

const EXPECTED: Record<string, Expected> = {
  'api-400.stream.jsonl': {
    kinds: ['session', 'usage', 'done'],
    session: { cliSessionId: 'b96c0ba0-c35e-4ad2-9916-755dd9a159fd', model: 'gemini-2.5-pro' },
    text: '',
    tools: [],
    tokens: { input: 0, output: 0 },
    done: { kind: 'done', ok: false, reason: 'error', result: API_400, errors: [API_400], durationMs: 0 },
  },
  'list_directory.stream.jsonl': {
    kinds: ['session', 'text', 'tool_use', 'tool_result', 'text', 'text', 'usage', 'done'],
    session: { cliSessionId: '90cf3084-a338-434b-9899-85cdf3b420bb', model: 'auto' },
    text: `I will list the directory.${MOCK_TEXT}`,
    tools: [
      { toolId: 'list_directory__list_directory_1795211275004_0', name: 'list_directory', isError: false, output: '' },
    ],
    tokens: { input: 3600, output: 60 },
    done: { kind: 'done', ok: true, reason: 'success', result: MOCK_TEXT, durationMs: 104 },
  },
  'resume.stream.jsonl': {
    kinds: ['session', 'text', 'text', 'usage', 'done'],
    session: { cliSessionId: '52cfb7cf-273d-4a56-b037-6baa020a2a80', model: 'gemini-2.5-pro' },
    text: MOCK_TEXT,
    tools: [],
    tokens: { input: 1200, output: 20 },
    done: { kind: 'done', ok: true, reason: 'success', result: MOCK_TEXT, durationMs: 53 },
  },
  'text.stream.jsonl': {
    kinds: ['session', 'text', 'text', 'usage', 'done'],
    session: { cliSessionId: '2ce2e591-d652-4630-b508-c25b68f5c86b', model: 'auto' },
    text: MOCK_TEXT,
    tools: [],
    tokens: { input: 2400, output: 40 },
    done: { kind: 'done', ok: true, reason: 'success', result: MOCK_TEXT, durationMs: 62 },
  },
  'tool-not-registered.stream.jsonl': {
    kinds: ['session', 'text', 'tool_use', 'tool_result', 'text', 'text', 'usage', 'done'],
    session: { cliSessionId: 'aa1fe359-2100-477a-aefb-9d3391e15b99', model: 'gemini-2.5-pro' },
    text: `I will list the directory.${MOCK_TEXT}`,
    tools: [
      {
        toolId: 'run_shell_command__run_shell_command_1795211281229_0',
        name: 'run_shell_command',
        isError: true,
        output: NOT_REGISTERED,
      },
    ],
    tokens: { input: 2400, output: 40 },
    // The tool failed but the turn itself succeeded.
    done: { kind: 'done', ok: true, reason: 'success', result: MOCK_TEXT, durationMs: 62 },
  },
  'yolo-shell.stream.jsonl': {
    kinds: ['session', 'text', 'tool_use', 'tool_result', 'text', 'text', 'usage', 'done'],
    session: { cliSessionId: '52cfb7cf-273d-4a56-b037-6baa020a2a80', model: 'gemini-2.5-pro' },
    text: `I will list the directory.${MOCK_TEXT}`,
    tools: [
      { toolId: 'run_shell_command__run_shell_command_1795211276639_0', name: 'run_shell_command', isError: false, output: 'a.txt' },
    ],
    tokens: { input: 2400, output: 40 },
    done: { kind: 'done', ok: true, reason: 'success', result: MOCK_TEXT, durationMs: 116 },
  },
};

describe('gemini parser over the real captures', () => {
  it('has an expectation for every capture file', () => {
    expect(captureFiles('gemini')).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const file of captureFiles('gemini')) {
    it(file, () => {
      const expected = EXPECTED[file];
      if (!expected) throw new Error(`no expectation written for ${file}`);
      const chunks = parseCapture(createGeminiParser(), 'gemini', file);

      expect(kinds(chunks)).toEqual(expected.kinds);
      expect(ofKind(chunks, 'session')).toEqual([{ kind: 'session', ...expected.session }]);
      const texts = ofKind(chunks, 'text');
      // Assistant deltas only: the user echo of the prompt is not agent text.
      expect(texts.every((c) => c.delta)).toBe(true);
      expect(texts.map((c) => c.text).join('')).toBe(expected.text);
      expect(ofKind(chunks, 'tool_use').map((c) => [c.toolId, c.name])).toEqual(
        expected.tools.map((t) => [t.toolId, t.name]),
      );
      expect(ofKind(chunks, 'tool_result').map(({ toolId, isError, output }) => ({ toolId, isError, output }))).toEqual(
        expected.tools.map(({ toolId, isError, output }) => ({ toolId, isError, output })),
      );
      expect(ofKind(chunks, 'usage')).toEqual([
        {
          kind: 'usage',
          scope: 'turn',
          inputTokens: expected.tokens.input,
          outputTokens: expected.tokens.output,
          cacheReadTokens: 0,
        },
      ]);
      expect(chunks.at(-1)).toEqual(expected.done);
      expect(ofKind(chunks, 'raw')).toEqual([]);
    });
  }

  it('tool_use carries the parameters as input', () => {
    const chunks = parseCapture(createGeminiParser(), 'gemini', 'yolo-shell.stream.jsonl');
    expect(ofKind(chunks, 'tool_use')[0]?.input).toEqual({ command: 'ls', description: 'list' });
  });
});

describe('gemini events beyond the captures', () => {
  it('error events are notices, not the end of the turn', () => {
    const parser = createGeminiParser();
    expect(parser.parse(JSON.stringify({ type: 'error', severity: 'warning', message: 'Loop detected' }))).toEqual([
      { kind: 'notice', level: 'warning', code: 'cli_error', message: 'Loop detected' },
    ]);
    expect(parser.parse(JSON.stringify({ type: 'error', severity: 'error', message: 'quota' }))).toEqual([
      { kind: 'notice', level: 'error', code: 'cli_error', message: 'quota' },
    ]);
  });

  it('unknown event types are kept as raw', () => {
    const line = JSON.stringify({ type: 'thought', subject: 'x' });
    expect(createGeminiParser().parse(line)).toEqual([{ kind: 'raw', type: 'thought', line }]);
  });
});
