import { describe, expect, it } from 'vitest';
import { createJsonLineParser } from '../../src/backends/json-line-parser.js';

describe('createJsonLineParser', () => {
  it('hands JSON objects to the handler with the original line', () => {
    const parser = createJsonLineParser((event, line) => [{ kind: 'raw', type: String(event.type), line }]);
    expect(parser.parse('{"type":"x"}\r')).toEqual([{ kind: 'raw', type: 'x', line: '{"type":"x"}\r' }]);
  });

  it('turns a handler exception into a warning and keeps the line', () => {
    const parser = createJsonLineParser(() => {
      throw new Error('kaput');
    });
    const line = '{"type":"assistant"}';
    expect(parser.parse(line)).toEqual([
      { kind: 'notice', level: 'warning', code: 'parser_error', message: 'could not interpret a assistant event: kaput' },
      { kind: 'raw', type: 'assistant', line },
    ]);
  });

  it('cuts the notice preview at 200 characters but keeps the whole line raw', () => {
    const parser = createJsonLineParser(() => []);
    const line = `oops ${'z'.repeat(1000)}`;
    const [notice, raw] = parser.parse(line);
    expect(notice).toMatchObject({ kind: 'notice', message: `not a JSON object: ${line.slice(0, 200)}` });
    expect(raw).toEqual({ kind: 'raw', type: 'unparsable', line });
  });
});
