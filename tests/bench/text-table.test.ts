import { describe, expect, it } from 'vitest';
import { pair, renderTable } from '../../src/bench/text-table.js';

describe('renderTable', () => {
  it('aligns the first column left and the figures right', () => {
    const text = renderTable(['what', 'value'], [['a', '1.0'], ['longer name', '12.5']]);
    expect(text.split('\n')).toEqual(['what          value', '-----------   -----', 'a               1.0', 'longer name    12.5', '']);
  });

  it('prints troupe / baseline pairs with fixed decimals', () => {
    expect(pair(1234.5, 0.04, 1)).toBe('1,234.5 / 0.0');
  });
});
