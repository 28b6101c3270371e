import { describe, expect, it } from 'vitest';
import { limitConcurrency } from '../../src/server/concurrency-limit.js';

describe('limitConcurrency', () => {
  it('runs at most the limit at once, in order, even when new calls arrive as a slot frees', async () => {
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const gates: (() => void)[] = [];
    const limited = limitConcurrency(2, async (n: number) => {
      running += 1;
      peak = Math.max(peak, running);
      order.push(n);
      await new Promise<void>((resolve) => gates.push(resolve));
      running -= 1;
      if (n === 0) void limited(100);
      return n;
    });
    const results = Promise.all([0, 1, 2, 3, 4].map((n) => limited(n)));
    while (order.length < 6) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    for (const go of gates.splice(0)) go();
    expect(await results).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 100]);
  });

  it('frees the slot of a call that throws', async () => {
    const limited = limitConcurrency(1, async (fail: boolean) => {
      if (fail) throw new Error('no');
      return 'yes';
    });
    await expect(limited(true)).rejects.toThrow('no');
    expect(await limited(false)).toBe('yes');
  });
});
