import { describe, expect, it } from 'vitest';
import { BdChangeFilter } from '../../src/beads/bd-change-filter.js';

function filterAt() {
  let now = 1_000;
  const filter = new BdChangeFilter(300, () => now);
  return { filter, advance: (ms: number) => (now += ms) };
}

describe('BdChangeFilter', () => {
  it('reads on a change when idle', () => {
    const { filter } = filterAt();
    expect(filter.onEvent()).toBe('read');
  });

  it("bd's own writes during a read bring one follow-up, which ends the chain when nothing changed", () => {
    const { filter, advance } = filterAt();
    filter.readStarted();
    expect(filter.onEvent()).toBe('ignore');
    expect(filter.readEnded(true)).toBe(true);
    // Late events of the same read, inside the quiet time: still the one follow-up.
    advance(100);
    expect(filter.onEvent()).toBe('follow-up');
    expect(filter.quietLeftMs).toBe(200);
    advance(200);
    filter.readStarted();
    expect(filter.onEvent()).toBe('ignore');
    expect(filter.readEnded(false)).toBe(false);
    advance(100);
    expect(filter.onEvent()).toBe('ignore');
    // After the quiet time a change is a change again.
    advance(300);
    expect(filter.onEvent()).toBe('read');
  });

  it('a follow-up that finds a change keeps following', () => {
    const { filter, advance } = filterAt();
    filter.readStarted();
    filter.onEvent();
    expect(filter.readEnded(true)).toBe(true);
    advance(300);
    filter.readStarted();
    filter.onEvent();
    expect(filter.readEnded(true)).toBe(true);
  });

  it('a change just after a read that nobody touched is followed up', () => {
    const { filter, advance } = filterAt();
    filter.readStarted();
    expect(filter.readEnded(false)).toBe(false);
    advance(10);
    expect(filter.onEvent()).toBe('follow-up');
  });
});
