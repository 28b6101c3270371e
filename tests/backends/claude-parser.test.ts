import { describe, expect, it } from 'vitest';
import { createClaudeParser } from '../../src/backends/claude-parser.js';
import type { AgentChunk } from '../../src/protocol/index.js';
import { captureFiles, captureLines, kinds, ofKind, parseCapture } from './captures.js';

interface Expected {
  kinds: string[];
  session: { cliSessionId: string; model: string; cwd: string };
  /** All assistant text, concatenated in order. */
  text: string;
  toolIds: string[];
  toolErrors: boolean[];
  costUsd: number;
  tokens: { input: number; output: number };
  done: Partial<Extract<AgentChunk, { kind: 'done' }>>;
  notices?: { level: string; code: string; message: string }[];
}

const LISTED_TEXT = 'I will list the files.Done. There is one file.';

const EXPECTED: Record<string, Expected> = {
  'api-401-noretry.stream.jsonl': {
    kinds: ['session', 'notice', 'usage', 'usage', 'done'],
    session: { cliSessionId: '62dad100-916d-49cc-b87f-9494f9166e5d', model: 'claude-opus-5-5', cwd: '/home/dev/shop' },
    text: '',
    toolIds: [],
    toolErrors: [],
    costUsd: 0,
    tokens: { input: 0, output: 0 },
    // API errors come as subtype "success" with is_error true.
    done: { ok: false, reason: 'api_error', result: 'Invalid API key · Fix external API key', numTurns: 1, durationMs: 92 },
    notices: [{ level: 'error', code: 'authentication_failed', message: 'Invalid API key · Fix external API key' }],
  },
  'max-turns.stream.jsonl': {
    kinds: ['session', 'text', 'tool_use', 'tool_result', 'usage', 'usage', 'done'],
    session: { cliSessionId: 'd9ce1c45-a2c8-4545-8666-c4367c704f2a', model: 'claude-opus-5-5', cwd: '/home/dev/shop' },
    text: 'I will list the files.',
    toolIds: ['toolu_mock_13'],
    toolErrors: [false],
    costUsd: 0.00098,
    tokens: { input: 120, output: 25 },
    done: { ok: false, reason: 'max_turns', errors: ['Reached maximum number of turns (1)'], numTurns: 2, durationMs: 142 },
  },
  'noauth.stream.jsonl': {
    kinds: ['session', 'notice', 'usage', 'usage', 'done'],
    session: { cliSessionId: '63bf9e05-864b-46d2-b9dd-150feb0cab5d', model: 'claude-opus-5-5', cwd: '/home/dev/shop' },
    text: '',
    toolIds: [],
    toolErrors: [],
    costUsd: 0,
    tokens: { input: 0, output: 0 },
    done: { ok: false, reason: 'api_error', result: 'Not logged in · Please run /login', numTurns: 1, durationMs: 90 },
    notices: [{ level: 'error', code: 'authentication_failed', message: 'Not logged in · Please run /login' }],
  },
  'partial-messages.stream.jsonl': {
    kinds: [
      'session', 'notice', 'text', 'text', 'tool_use', 'tool_result',
      'notice', 'text', 'text', 'usage', 'usage', 'done',
    ],
    session: { cliSessionId: 'f97c4c27-66af-4993-8899-66ebe50ea80c', model: 'claude-sonnet-5-5', cwd: '/home/dev/shop' },
    text: LISTED_TEXT,
    toolIds: ['toolu_mock_01'],
    toolErrors: [false],
    costUsd: 0.00082,
    tokens: { input: 240, output: 34 },
    done: { ok: true, reason: 'completed', result: 'Done. There is one file.', numTurns: 2, durationMs: 145 },
    notices: [
      { level: 'info', code: 'status', message: 'requesting' },
      { level: 'info', code: 'status', message: 'requesting' },
    ],
  },
  'permission-denied.stream.jsonl': {
    kinds: ['session', 'text', 'tool_use', 'notice', 'tool_result', 'text', 'usage', 'usage', 'done'],
    session: { cliSessionId: '76c2935f-3b03-4af0-ace9-f999fe2b1d24', model: 'claude-opus-5-5', cwd: '/home/dev/shop' },
    text: LISTED_TEXT,
    toolIds: ['toolu_mock_1'],
    toolErrors: [true],
    costUsd: 0.00164,
    tokens: { input: 240, output: 34 },
    done: { ok: true, reason: 'completed', result: 'Done. There is one file.', numTurns: 2, durationMs: 151 },
    notices: [
      {
        level: 'warning',
        code: 'permission_denied',
        message:
          'This Bash command contains multiple operations. The following parts require approval: rm -rf /home/dev/shop/zzz, touch /home/dev/shop/newfile',
      },
    ],
  },
  'stream-json-input.stream.jsonl': {
    kinds: ['session', 'text', 'tool_use', 'tool_result', 'text', 'usage', 'usage', 'done'],
    session: { cliSessionId: 'a21fdc04-5483-48b2-a28f-7efdcb6f6c1e', model: 'claude-opus-5-5', cwd: '/home/dev/shop' },
    text: LISTED_TEXT,
    toolIds: ['toolu_mock_11'],
    toolErrors: [false],
    costUsd: 0.00164,
    tokens: { input: 240, output: 34 },
    done: { ok: true, reason: 'completed', result: 'Done. There is one file.', numTurns: 2, durationMs: 154 },
  },
  'tool-roundtrip.stream.jsonl': {
    kinds: ['session', 'text', 'tool_use', 'tool_result', 'text', 'usage', 'usage', 'done'],
    session: { cliSessionId: '556c2e6e-4999-4768-9752-eed673c0c07c', model: 'claude-opus-5-5', cwd: '/home/dev/shop' },
    text: LISTED_TEXT,
    toolIds: ['toolu_mock_01'],
    toolErrors: [false],
    costUsd: 0.00164,
    tokens: { input: 240, output: 34 },
    done: { ok: true, reason: 'completed', result: 'Done. There is one file.', numTurns: 2, durationMs: 208 },
  },
};

describe('claude parser over the real captures', () => {
  it('has an expectation for every capture file', () => {
    expect(captureFiles('claude')).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const file of captureFiles('claude')) {
    it(file, () => {
      const expected = EXPECTED[file];
      if (!expected) throw new Error(`no expectation written for ${file}`);
      const chunks = parseCapture(createClaudeParser(), 'claude', file);

      expect(kinds(chunks)).toEqual(expected.kinds);
      expect(ofKind(chunks, 'session')).toEqual([{ kind: 'session', ...expected.session }]);
      expect(ofKind(chunks, 'text').map((c) => c.text).join('')).toBe(expected.text);
      expect(ofKind(chunks, 'tool_use').map((c) => c.toolId)).toEqual(expected.toolIds);
      expect(ofKind(chunks, 'tool_result').map((c) => c.toolId)).toEqual(expected.toolIds);
      expect(ofKind(chunks, 'tool_result').map((c) => c.isError)).toEqual(expected.toolErrors);
      // Tokens are this turn's; the cost is the conversation's running total (see claude-parser.ts).
      expect(ofKind(chunks, 'usage')).toEqual([
        {
          kind: 'usage',
          scope: 'turn',
          inputTokens: expected.tokens.input,
          outputTokens: expected.tokens.output,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
        },
        { kind: 'usage', scope: 'thread', costUsd: expected.costUsd },
      ]);
      expect(chunks.at(-1)).toEqual({ kind: 'done', ...expected.done });
      expect(ofKind(chunks, 'notice').map(({ level, code, message }) => ({ level, code, message }))).toEqual(
        expected.notices ?? [],
      );
      expect(ofKind(chunks, 'raw')).toEqual([]);
    });
  }

  it('tool calls and results carry their names, inputs and outputs', () => {
    const chunks = parseCapture(createClaudeParser(), 'claude', 'tool-roundtrip.stream.jsonl');
    expect(ofKind(chunks, 'tool_use')).toEqual([
      { kind: 'tool_use', toolId: 'toolu_mock_01', name: 'Bash', input: { command: 'ls', description: 'List files' } },
    ]);
    expect(ofKind(chunks, 'tool_result')).toEqual([
      { kind: 'tool_result', toolId: 'toolu_mock_01', output: 'a.txt', isError: false },
    ]);
  });
});

describe('claude partial messages', () => {
  it('emits each text once: live deltas, never the finished block again', () => {
    const chunks = parseCapture(createClaudeParser(), 'claude', 'partial-messages.stream.jsonl');
    const texts = ofKind(chunks, 'text');
    expect(texts.every((c) => c.delta)).toBe(true);
    expect(texts.map((c) => c.text)).toEqual(['I will list ', 'the files.', 'Done. ', 'There is one file.']);
    // The whole assistant text of the capture, exactly once.
    const assistantText = captureLines('claude', 'partial-messages.stream.jsonl')
      .filter((l) => l.includes('"type":"assistant"'))
      .flatMap((l) => (JSON.parse(l) as { message: { content: { type: string; text?: string }[] } }).message.content)
      .filter((b) => b.type === 'text')
      .map((b) => b.text)
      .join('');
    expect(texts.map((c) => c.text).join('')).toBe(assistantText);
  });

  it('adds the unstreamed tail when the finished block holds more than the deltas', () => {
    const parser = createClaudeParser();
    const delta = (text: string) =>
      JSON.stringify({
        type: 'stream_event',
        api_message_id: 'm1',
        event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
      });
    const out = [
      ...parser.parse(delta('Hel')),
      ...parser.parse(
        JSON.stringify({ type: 'assistant', message: { id: 'm1', content: [{ type: 'text', text: 'Hello' }] } }),
      ),
      // A late delta for a finished block is not shown twice.
      ...parser.parse(delta('lo')),
    ];
    expect(out).toEqual([
      { kind: 'text', text: 'Hel', delta: true },
      { kind: 'text', text: 'lo', delta: true },
    ]);
  });

  it('matches finished blocks to their streamed blocks in order, per message', () => {
    const parser = createClaudeParser();
    const lines = [
      { type: 'stream_event', event: { type: 'message_start', message: { id: 'm2' } } },
      { type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'one' } } },
      { type: 'assistant', message: { id: 'm2', content: [{ type: 'text', text: 'one' }] } },
      { type: 'stream_event', event: { type: 'content_block_delta', index: 1, delta: { type: 'thinking_delta', thinking: 'hm' } } },
      { type: 'assistant', message: { id: 'm2', content: [{ type: 'thinking', thinking: 'hm' }] } },
      { type: 'stream_event', event: { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'two' } } },
      { type: 'assistant', message: { id: 'm2', content: [{ type: 'text', text: 'two' }] } },
      // A message that was not streamed comes whole.
      { type: 'assistant', message: { id: 'm3', content: [{ type: 'text', text: 'three' }] } },
    ];
    const out = lines.flatMap((l) => parser.parse(JSON.stringify(l)));
    expect(out).toEqual([
      { kind: 'text', text: 'one', delta: true },
      { kind: 'reasoning', text: 'hm' },
      { kind: 'text', text: 'two', delta: true },
      { kind: 'text', text: 'three', delta: false },
    ]);
  });
});

describe('claude events beyond the captures', () => {
  it('api_retry becomes a warning notice', () => {
    const [chunk] = createClaudeParser().parse(
      JSON.stringify({
        type: 'system',
        subtype: 'api_retry',
        attempt: 2,
        max_retries: 10,
        retry_delay_ms: 1200,
        error_status: 529,
        error: 'server_error',
      }),
    );
    expect(chunk).toEqual({
      kind: 'notice',
      level: 'warning',
      code: 'api_retry',
      message: 'API request failed (529, server_error); retry 2/10 in 1200 ms',
    });
  });

  it('an unknown resume id ends the turn failed (error_during_execution)', () => {
    const chunks = createClaudeParser().parse(
      JSON.stringify({
        type: 'result',
        subtype: 'error_during_execution',
        is_error: true,
        errors: ['No conversation found with session ID: abc'],
        num_turns: 0,
        duration_ms: 3,
        total_cost_usd: 0,
        usage: { input_tokens: 0, output_tokens: 0 },
      }),
    );
    expect(chunks.at(-1)).toEqual({
      kind: 'done',
      ok: false,
      reason: 'error_during_execution',
      errors: ['No conversation found with session ID: abc'],
      numTurns: 0,
      durationMs: 3,
    });
  });

  it('tool result content given as blocks is joined as text', () => {
    const [chunk] = createClaudeParser().parse(
      JSON.stringify({
        type: 'user',
        message: {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 't1',
              content: [{ type: 'text', text: 'line 1' }, { type: 'image' }, { type: 'text', text: 'line 2' }],
            },
          ],
        },
      }),
    );
    expect(chunk).toEqual({ kind: 'tool_result', toolId: 't1', output: 'line 1\n[image]\nline 2', isError: false });
  });

  it('unknown event types and system subtypes are kept as raw', () => {
    const parser = createClaudeParser();
    const line1 = JSON.stringify({ type: 'rate_limit_event', info: {} });
    const line2 = JSON.stringify({ type: 'system', subtype: 'hook_started' });
    expect(parser.parse(line1)).toEqual([{ kind: 'raw', type: 'rate_limit_event', line: line1 }]);
    expect(parser.parse(line2)).toEqual([{ kind: 'raw', type: 'system/hook_started', line: line2 }]);
  });

  it('keeps the simulated agent timestamp as emittedAt and ignores other extra keys', () => {
    const chunks = createClaudeParser().parse(
      JSON.stringify({ type: 'system', subtype: 'init', session_id: 's1', model: 'm', cwd: '/x', ts: 1.5, extra: { a: 1 } }),
    );
    expect(chunks).toEqual([{ kind: 'session', cliSessionId: 's1', model: 'm', cwd: '/x', emittedAt: 1.5 }]);
    const unstamped = createClaudeParser().parse(JSON.stringify({ type: 'system', subtype: 'init', session_id: 's1', ts: 'soon' }));
    expect(unstamped[0]).not.toHaveProperty('emittedAt');
  });
});
