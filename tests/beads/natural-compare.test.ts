import { describe, expect, it } from 'vitest';
import { naturalCompare } from '../../src/beads/index.js';

describe('naturalCompare', () => {
  it('orders numeric runs by value and the rest by text', () => {
    const ids = ['bp6-643.001.10', 'bp6-643.001.2', 'bp6-643.6', 'bp6-643.005', 'bp6-643.001', 'bp6-643', 'bp6-0e4', 'bp6-85n'];
    expect([...ids].sort(naturalCompare)).toEqual([
      'bp6-0e4',
      'bp6-85n',
      'bp6-643',
      'bp6-643.001',
      'bp6-643.001.2',
      'bp6-643.001.10',
      'bp6-643.005',
      'bp6-643.6',
    ]);
  });

  it('is a total order: equal only for equal strings, and handles huge numbers', () => {
    expect(naturalCompare('a-01', 'a-1')).not.toBe(0);
    expect(Math.sign(naturalCompare('a-01', 'a-1'))).toBe(-Math.sign(naturalCompare('a-1', 'a-01')));
    expect(naturalCompare('x-99999999999999999999', 'x-100000000000000000000')).toBeLessThan(0);
    expect(naturalCompare('same', 'same')).toBe(0);
  });
});
