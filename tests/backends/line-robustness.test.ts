import { describe, expect, it } from 'vitest';
import { createClaudeParser } from '../../src/backends/claude-parser.js';
import { createCodexParser } from '../../src/backends/codex-parser.js';
import { createGeminiParser } from '../../src/backends/gemini-parser.js';
import type { LineParser } from '../../src/backends/types.js';

const PARSERS: [string, () => LineParser][] = [
  ['claude', createClaudeParser],
  ['gemini', createGeminiParser],
  ['codex', createCodexParser],
];

const binary = Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x80, 0x0a, 0xc3]).toString('utf8');

/** Lines that are not JSON objects at all. */
const NOT_OBJECTS = [
  'Loading configuration...',
  binary,
  '{"type":"assistant","message":',
  '[1,2,3]',
  '42',
  '"just a string"',
  'null',
  'true',
  '\u0000\u0000\u0000',
  `{${'x'.repeat(5000)}`,
];

/** JSON objects with the right type but wrong shapes everywhere. */
const ODD_OBJECTS = [
  {},
  { type: 42 },
  { type: null },
  { type: 'system' },
  { type: 'system', subtype: 'init' },
  { type: 'system', subtype: 'init', session_id: 7 },
  { type: 'assistant' },
  { type: 'assistant', message: null },
  { type: 'assistant', message: { content: 'not an array' } },
  { type: 'assistant', message: { content: [null, 1, 'x', { type: 'text' }, { type: 'tool_use' }] } },
  { type: 'user', message: { content: [{ type: 'tool_result', content: { nested: true } }] } },
  { type: 'stream_event' },
  { type: 'stream_event', event: { type: 'content_block_delta', delta: null } },
  { type: 'stream_event', event: { type: 'content_block_delta', index: 'x', delta: { type: 'text_delta', text: 5 } } },
  { type: 'result' },
  { type: 'result', usage: 'lots', total_cost_usd: 'free', errors: 'nope', is_error: 'yes' },
  { type: 'init' },
  { type: 'message', role: 'assistant', content: ['x'] },
  { type: 'tool_use', parameters: null },
  { type: 'tool_result', error: 'x' },
  { type: 'error' },
  { type: 'thread.started', thread_id: {} },
  { type: 'item.started' },
  { type: 'item.completed', item: [] },
  { type: 'item.completed', item: { type: 'command_execution', exit_code: 'x' } },
  { type: 'item.completed', item: { type: 'file_change', changes: [null, 3] } },
  { type: 'item.updated', item: { type: 'todo_list', items: 'x' } },
  { type: 'turn.completed', usage: [] },
  { type: 'turn.failed', error: null },
];

describe.each(PARSERS)('%s parser on bad input', (_name, create) => {
  it('yields nothing for empty and blank lines', () => {
    const parser = create();
    for (const line of ['', '   ', '\t', '\r', '\n']) expect(parser.parse(line)).toEqual([]);
  });

  it('turns a non-object line into an unparsable notice plus a raw chunk', () => {
    const parser = create();
    for (const line of NOT_OBJECTS) {
      const chunks = parser.parse(line);
      expect(chunks).toEqual([
        { kind: 'notice', level: 'warning', code: 'unparsable_line', message: `not a JSON object: ${line.slice(0, 200)}` },
        { kind: 'raw', type: 'unparsable', line },
      ]);
    }
  });

  it('never throws on oddly shaped events, and keeps working afterwards', () => {
    const parser = create();
    for (const event of ODD_OBJECTS) {
      const line = JSON.stringify(event);
      const chunks = parser.parse(line);
      expect(Array.isArray(chunks)).toBe(true);
      // Handled by the parser itself, not by its last-resort catch.
      expect(chunks.filter((c) => c.kind === 'notice' && c.code === 'parser_error')).toEqual([]);
    }
    // A garbage line in the middle of a stream does not disturb what follows.
    const after = parser.parse(JSON.stringify({ type: 'result', is_error: false, status: 'success' }));
    expect(Array.isArray(after)).toBe(true);
  });
});

describe('a stream with garbage interleaved', () => {
  it('claude: the real events still come through in order', () => {
    const parser = createClaudeParser();
    const lines = [
      'garbage before',
      JSON.stringify({ type: 'system', subtype: 'init', session_id: 's', model: 'm', cwd: '/' }),
      binary,
      JSON.stringify({ type: 'assistant', message: { id: 'a', content: [{ type: 'text', text: 'hi' }] } }),
      '',
      JSON.stringify({ type: 'result', is_error: false, subtype: 'success', result: 'hi' }),
    ];
    const kinds = lines.flatMap((l) => parser.parse(l)).map((c) => c.kind);
    expect(kinds).toEqual(['notice', 'raw', 'session', 'notice', 'raw', 'text', 'done']);
  });
});
