import { describe, it, expect } from 'vitest';
import { SimulatedClock, systemClock } from '../../src/time/clock.js';

describe('SimulatedClock', () => {
  it('fires due timers in order of due time, ties in the order they were set, each at its own time', () => {
    const clock = new SimulatedClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 300);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 100);
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 100);
    clock.setTimeout(() => fired.push(`late@${clock.now()}`), 301);
    clock.advance(300);
    expect(fired).toEqual(['a@1100', 'b@1100', 'c@1300']);
    expect(clock.now()).toBe(1300);
    expect(clock.pending).toBe(1);
    clock.advance(1);
    expect(fired.at(-1)).toBe('late@1301');
    expect(clock.pending).toBe(0);
  });

  it('fires timers set by a firing timer when they fall inside the window', () => {
    const clock = new SimulatedClock();
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 50);
      clock.setTimeout(() => fired.push(clock.now()), 500);
    }, 100);
    clock.advance(200);
    expect(fired).toEqual([100, 150]);
    expect(clock.now()).toBe(200);
    clock.advance(400);
    expect(fired).toEqual([100, 150, 600]);
  });

  it('does not fire a cleared timer and treats negative delays as zero', () => {
    const clock = new SimulatedClock();
    const fired: string[] = [];
    const handle = clock.setTimeout(() => fired.push('cleared'), 10);
    clock.setTimeout(() => fired.push('now'), -5);
    clock.clearTimeout(handle);
    clock.clearTimeout('not a handle');
    clock.advance(0);
    expect(fired).toEqual(['now']);
    clock.advance(100);
    expect(fired).toEqual(['now']);
  });

  it('refuses to go backwards', () => {
    expect(() => new SimulatedClock().advance(-1)).toThrow(/finite ms >= 0/);
  });
});

describe('systemClock', () => {
  it('runs a real timer and can clear one', async () => {
    const cleared = systemClock.setTimeout(() => {
      throw new Error('cleared timer fired');
    }, 0);
    systemClock.clearTimeout(cleared);
    const before = systemClock.now();
    const at = await new Promise<number>((resolve) => systemClock.setTimeout(() => resolve(systemClock.now()), 5));
    expect(at).toBeGreaterThanOrEqual(before); // wall-clock ms, never going back within a run
  });
});
