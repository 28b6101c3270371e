import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/workers/line-splitter.js';

function split(pieces: Array<string | Buffer>, max = 64) {
  const lines: string[] = [];
  const oversize: number[] = [];
  const splitter = new LineSplitter(max, { line: (l) => lines.push(l), oversize: (b) => oversize.push(b) });
  for (const piece of pieces) splitter.push(Buffer.isBuffer(piece) ? piece : Buffer.from(piece));
  splitter.end();
  return { lines, oversize };
}

describe('LineSplitter', () => {
  it('splits lines across chunk boundaries and keeps a last unterminated line', () => {
    expect(split(['{"a":1}\n{"b"', ':2}\n', 'tail']).lines).toEqual(['{"a":1}', '{"b":2}', 'tail']);
  });

  it('strips CR of CRLF line ends and keeps empty lines', () => {
    expect(split(['a\r\n\nb\n']).lines).toEqual(['a', '', 'b']);
  });

  it('drops an oversize line, reports its size, and goes on with the next one', () => {
    const huge = 'x'.repeat(200);
    const { lines, oversize } = split(['ok1\n', huge.slice(0, 100), huge.slice(100), '\nok2\n']);
    expect(lines).toEqual(['ok1', 'ok2']);
    expect(oversize).toEqual([200]);
  });

  it('drops an oversize line that arrives whole in one buffer, between lines it keeps', () => {
    const { lines, oversize } = split([`ok1\n${'y'.repeat(100)}\nok2\r\n`]);
    expect(lines).toEqual(['ok1', 'ok2']);
    expect(oversize).toEqual([100]);
  });

  it('never holds more than the limit while discarding a huge line', () => {
    const lines: string[] = [];
    let reported = 0;
    const splitter = new LineSplitter(1024, { line: (l) => lines.push(l), oversize: (b) => (reported = b) });
    const block = Buffer.alloc(64 * 1024, 0x61);
    for (let i = 0; i < 160; i += 1) splitter.push(block); // 10 MiB without a newline
    splitter.push(Buffer.from('\nafter\n'));
    expect(reported).toBe(160 * 64 * 1024);
    expect(lines).toEqual(['after']);
  });

  it('decodes multi-byte characters split between chunks', () => {
    const bytes = Buffer.from('héllo ✓\n');
    expect(split([bytes.subarray(0, 2), bytes.subarray(2, 8), bytes.subarray(8)]).lines).toEqual(['héllo ✓']);
  });

  it('passes binary garbage through as a line without throwing', () => {
    const { lines } = split([Buffer.from([0x00, 0xff, 0xfe, 0x0a, 0x41, 0x0a])]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('A');
  });
});
