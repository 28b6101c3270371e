import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../src/bench/bench-config.js';

describe('parseBenchArgs', () => {
  it('defaults to the issue sections: 10 to 200 sessions, the 100 x 100/s target load', () => {
    const config = parseBenchArgs([]);
    expect(config).toMatchObject({ sizes: [10, 50, 100, 200], load: { sessions: 100, rate: 100 }, floodSessions: 10, extras: true });
    expect(config.name).toMatch(/^troupe-\d{4}-\d\d-\d\d-\d\d-\d\d$/);
  });

  it('reads its options', () => {
    expect(parseBenchArgs(['--name', 'ci-1', '--sizes', '5,20', '--rate', '40', '--load', '50x80', '--window', '3', '--no-extras'])).toMatchObject({
      name: 'ci-1',
      sizes: [5, 20],
      rate: 40,
      load: { sessions: 50, rate: 80 },
      windowMs: 3000,
      extras: false,
    });
    expect(parseBenchArgs(['--load', 'none']).load).toBeNull();
    expect(parseBenchArgs(['--quick']).sizes).toEqual([5, 10]);
  });

  it.each([['--sizes', '10,x'], ['--rate', '-1'], ['--name', '../up'], ['--load', '100']])('refuses %s %s', (flag, value) => {
    expect(() => parseBenchArgs([flag, value])).toThrow(new RegExp(`bench: ${flag} has a bad value`));
  });

  it('names an unknown option as such', () => {
    expect(() => parseBenchArgs(['--bogus', '1'])).toThrow('bench: unknown option "--bogus"');
  });
});
