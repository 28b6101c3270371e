import { describe, expect, it } from 'vitest';
import { checkWorkload, simEnvFor } from '../../src/stress/workload.js';

describe('checkWorkload', () => {
  it('fills the defaults', () => {
    expect(checkWorkload({ sessions: 3 })).toMatchObject({ sessions: 3, turns: 1, chunks: 20, rate: 20, crashRate: 0, tools: 0, longLived: false });
  });

  it.each([
    [{ sessions: 0 }, /--sessions must be a whole number >= 1/],
    [{ sessions: 2.5 }, /--sessions must be a whole number/],
    [{ sessions: 5000 }, /--sessions must be at most/],
    [{ sessions: 1, crashRate: 1.5 }, /--crash-rate must be a number from 0 to 1 \(got 1.5\)/],
    [{ sessions: 1, rate: -1 }, /--rate must be a number >= 0/],
    [{ sessions: 1, durationMs: 0 }, /--duration must be a number of seconds > 0/],
    [{ sessions: 1, chunkBytes: 0 }, /--chunk-bytes must be a whole number >= 1/],
  ])('refuses %o with a message naming the option', (input, message) => {
    expect(() => checkWorkload(input)).toThrow(message);
  });

  it('accepts unlimited turns (a run bounded by its duration)', () => {
    expect(checkWorkload({ sessions: 1, turns: Infinity, durationMs: 1000 }).turns).toBe(Infinity);
  });
});

describe('simEnvFor', () => {
  it('gives each session its tally folder, a seed, the pace and the run mark', () => {
    const w = checkWorkload({ sessions: 2, rate: 0, chunkBytes: 100, crashRate: 0.2 });
    const env = simEnvFor(w, { simStateDir: '/s', tallyDir: (i) => `/t/${i}` }, 1, 'run-1');
    expect(env).toMatchObject({
      TROUPE_SIM_STATE_DIR: '/s',
      TROUPE_SIM_TALLY_DIR: '/t/1',
      TROUPE_SIM_DELAY_MS: '0',
      TROUPE_SIM_CHUNK_BYTES: '100',
      TROUPE_SIM_CRASH_RATE: '0.2',
      TROUPE_SIM_SEED: 'stress-1',
      TROUPE_STRESS_RUN: 'run-1',
    });
    expect(env.TROUPE_SIM_RATE).toBeUndefined();
    expect(simEnvFor(checkWorkload({ sessions: 1, rate: 50 }), { simStateDir: '/s', tallyDir: () => '/t' }, 0, 'r').TROUPE_SIM_RATE).toBe('50');
  });
});
