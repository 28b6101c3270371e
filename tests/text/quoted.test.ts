import { describe, expect, it } from 'vitest';
import { inTroupeQuotes, quoted } from '../../src/text/quoted.js';

describe('quoted', () => {
  it('quotes with double quotes, escapes what is inside and cuts long values', () => {
    expect(quoted('nope-99')).toBe('"nope-99"');
    expect(quoted(`it's "x"\n`)).toBe(String.raw`"it's \"x\"\n"`);
    expect(quoted(42)).toBe('42');
    expect(quoted({ a: 1 })).toBe('{"a":1}');
    expect(quoted('a'.repeat(100), 10)).toBe(`"${'a'.repeat(10)}…"`);
  });

  it("puts commander's single-quoted spans in the same quotes, under troupe's prefix", () => {
    expect(inTroupeQuotes("error: option '--port <n>' argument 'abc' is invalid. expected a port\n")).toBe(
      'troupe: option "--port <n>" argument "abc" is invalid. expected a port\n',
    );
    expect(inTroupeQuotes("error: unknown option '--nope'\n(Did you mean --project?)\n")).toBe('troupe: unknown option "--nope"\n(Did you mean --project?)\n');
  });
});
