import { describe, it, expect } from 'vitest';
import { isDeadState, parseCmdline, parseStat } from '../../src/process/proc-stat.js';

const tail = '0 -1 4194304 101 0 0 0 0 0 0 0 20 0 1 0 23419 3133440 417';

describe('parseStat', () => {
  it('reads state, ppid, pgid and field 22 (start time)', () => {
    expect(parseStat(`7522 (cat) R 7520 7521 4041 ${tail}`)).toEqual({
      pid: 7522,
      state: 'R',
      ppid: 7520,
      pgid: 7521,
      startTime: '23419',
    });
  });

  it('reads fields after the last paren when the command name holds spaces and parens', () => {
    const stat = parseStat(`42 (evil ) S 1 2 (x)) Z 9 42 4041 ${tail}`);
    expect(stat).toEqual({ pid: 42, state: 'Z', ppid: 9, pgid: 42, startTime: '23419' });
  });

  it('returns null for a truncated line', () => {
    expect(parseStat('12 (sh) S 1 12')).toBeNull();
    expect(parseStat('garbage')).toBeNull();
  });
});

describe('parseCmdline', () => {
  it('splits NUL-separated arguments and drops the trailing NUL', () => {
    expect(parseCmdline('sh\0-c\0sleep 5\0')).toEqual(['sh', '-c', 'sleep 5']);
    expect(parseCmdline('')).toEqual([]);
  });
});

describe('isDeadState', () => {
  it('counts zombies and dead tasks as dead', () => {
    expect(isDeadState('Z')).toBe(true);
    expect(isDeadState('X')).toBe(true);
    expect(isDeadState('S')).toBe(false);
  });
});
