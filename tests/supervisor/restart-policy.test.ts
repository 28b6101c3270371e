import { describe, it, expect } from 'vitest';
import {
  DEFAULT_RESTART_POLICY,
  decideRestart,
  initialRestartState,
  noteStarted,
  resolveRestartPolicy,
  type RestartDecision,
  type RestartState,
} from '../../src/supervisor/restart-policy.js';
import type { RestartPolicyConfig } from '../../src/protocol/index.js';

const crash = { abnormal: true, reason: 'exit code 1' };
const normal = { abnormal: false, reason: 'exit code 0' };
const noJitter = (): number => 0;

/** Crash-restart cycles on virtual time: each run lasts `runMs`, then crashes; the restart starts after its delay. */
function crashLoop(config: RestartPolicyConfig, runMs: number, cycles: number): RestartDecision[] {
  let now = 0;
  let state: RestartState = initialRestartState(now);
  const decisions: RestartDecision[] = [];
  for (let i = 0; i < cycles; i += 1) {
    now += runMs;
    const decision = decideRestart(config, state, crash, now, noJitter);
    decisions.push(decision);
    state = decision.state;
    if (decision.action !== 'restart') break;
    now += decision.delayMs;
    state = noteStarted(state, now);
  }
  return decisions;
}

describe('resolveRestartPolicy', () => {
  it('gives the defaults, overlaid by each partial in turn', () => {
    expect(resolveRestartPolicy()).toEqual(DEFAULT_RESTART_POLICY);
    expect(DEFAULT_RESTART_POLICY).toMatchObject({ restart: 'transient', maxRestarts: 5, periodMs: 60_000 });
    const config = resolveRestartPolicy({ maxRestarts: 2, restart: 'permanent' }, undefined, { maxRestarts: 3, periodMs: undefined });
    expect(config).toEqual({ ...DEFAULT_RESTART_POLICY, restart: 'permanent', maxRestarts: 3 });
  });

  it('names the bad option in its error', () => {
    expect(() => resolveRestartPolicy({ maxRestarts: -1 })).toThrow('restartPolicy.maxRestarts must be an integer >= 0, got -1');
    expect(() => resolveRestartPolicy({ maxRestarts: 1.5 })).toThrow(/restartPolicy\.maxRestarts/);
    expect(() => resolveRestartPolicy({ periodMs: 0 })).toThrow(/restartPolicy\.periodMs must be a finite number > 0/);
    expect(() => resolveRestartPolicy({ minBackoffMs: Number.NaN })).toThrow(/restartPolicy\.minBackoffMs/);
    expect(() => resolveRestartPolicy({ randomFactor: 2 })).toThrow(/restartPolicy\.randomFactor must be a number from 0 to 1/);
    expect(() => resolveRestartPolicy({ resetAfterMs: '5' as unknown as number })).toThrow(/restartPolicy\.resetAfterMs/);
    expect(() => resolveRestartPolicy({ restart: 'sometimes' as never })).toThrow(
      /restartPolicy\.restart must be one of permanent, transient, temporary/,
    );
    expect(() => resolveRestartPolicy({ maxRestart: 3 } as never)).toThrow(/restartPolicy\.maxRestart is not an option/);
    expect(() => resolveRestartPolicy({ minBackoffMs: 500, maxBackoffMs: 100 })).toThrow(
      'restartPolicy.maxBackoffMs (100) must be >= restartPolicy.minBackoffMs (500)',
    );
    expect(() => resolveRestartPolicy(null as never)).toThrow(/restartPolicy must be an object/);
  });
});

describe('decideRestart: restart types', () => {
  const state = initialRestartState(0);
  it('temporary never restarts', () => {
    const config = resolveRestartPolicy({ restart: 'temporary' });
    expect(decideRestart(config, state, crash, 10, noJitter).action).toBe('none');
    expect(decideRestart(config, state, normal, 10, noJitter).action).toBe('none');
  });

  it('transient restarts only after an abnormal exit', () => {
    const config = resolveRestartPolicy({ restart: 'transient' });
    expect(decideRestart(config, state, normal, 10, noJitter)).toEqual({ action: 'none', state });
    expect(decideRestart(config, state, crash, 10, noJitter).action).toBe('restart');
  });

  it('permanent restarts after any exit', () => {
    const config = resolveRestartPolicy({ restart: 'permanent' });
    expect(decideRestart(config, state, normal, 10, noJitter).action).toBe('restart');
    expect(decideRestart(config, state, crash, 10, noJitter).action).toBe('restart');
  });
});

describe('decideRestart: intensity', () => {
  it('restarts exactly maxRestarts times within the period, then gives up', () => {
    const decisions = crashLoop(resolveRestartPolicy({ maxRestarts: 5 }), 1000, 10);
    expect(decisions.map((d) => d.action)).toEqual(['restart', 'restart', 'restart', 'restart', 'restart', 'give-up']);
    expect(decisions.map((d) => (d.action === 'restart' ? d.attempt : 0))).toEqual([1, 2, 3, 4, 5, 0]);
    const last = decisions.at(-1);
    expect(last?.action === 'give-up' && last.reason).toBe(
      'restart intensity exceeded: 6 crashes within 60 s; last: exit code 1',
    );
  });

  it('gives up on the first crash when maxRestarts is 0', () => {
    const decision = decideRestart(resolveRestartPolicy({ maxRestarts: 0 }), initialRestartState(0), crash, 5, noJitter);
    expect(decision).toMatchObject({ action: 'give-up', reason: 'restart intensity exceeded: 1 crash within 60 s; last: exit code 1' });
  });

  it('slides the window: restarts older than periodMs no longer count', () => {
    const config = resolveRestartPolicy({ maxRestarts: 2, periodMs: 10_000 });
    let state = initialRestartState(0);
    const at = (now: number): RestartDecision => {
      const d = decideRestart(config, state, crash, now, noJitter);
      state = d.state;
      return d;
    };
    expect(at(1000).action).toBe('restart');
    expect(at(2000).action).toBe('restart');
    expect(at(3000).action).toBe('give-up'); // 3 within 10 s
    expect(state.restartTimes).toEqual([1000, 2000]);
    expect(at(11_000)).toMatchObject({ action: 'restart', attempt: 2 }); // 1000 slid out, 2000 still in
    expect(state.restartTimes).toEqual([2000, 11_000]);
    expect(at(11_500)).toMatchObject({ action: 'give-up' });
    expect(at(20_500)).toMatchObject({ action: 'restart', attempt: 2 }); // 2000 slid out, 11 000 still in
    expect(at(30_500)).toMatchObject({ action: 'restart', attempt: 1 }); // exactly periodMs after 20 500: out of the window
  });
});

describe('decideRestart: backoff', () => {
  it('doubles the delay from minBackoff up to maxBackoff', () => {
    const config = resolveRestartPolicy({ maxRestarts: 10, minBackoffMs: 200, maxBackoffMs: 3000, resetAfterMs: 1e9 });
    const delays = crashLoop(config, 100, 10).map((d) => (d.action === 'restart' ? d.delayMs : -1));
    expect(delays).toEqual([200, 400, 800, 1600, 3000, 3000, 3000, 3000, 3000, 3000]);
  });

  it('keeps jitter within [base, base * (1 + randomFactor)] and may pass maxBackoff by the factor', () => {
    const config = resolveRestartPolicy({ minBackoffMs: 1000, maxBackoffMs: 1000, randomFactor: 0.2 });
    const state = initialRestartState(0);
    const delay = (r: number): number => {
      const d = decideRestart(config, state, crash, 10, () => r);
      return d.action === 'restart' ? d.delayMs : -1;
    };
    expect(delay(0)).toBe(1000);
    expect(delay(0.5)).toBe(1100);
    expect(delay(0.999999)).toBe(1200);
    expect(delay(7)).toBe(1200); // a random source out of range is clamped
    expect(delay(Number.NaN)).toBe(1000);
    for (let i = 0; i < 100; i += 1) {
      const d = delay(Math.random());
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(1200);
    }
  });

  it('resets the exponent after a run of resetAfterMs without a crash', () => {
    const config = resolveRestartPolicy({ maxRestarts: 100, periodMs: 1e9, minBackoffMs: 100, maxBackoffMs: 1e6, resetAfterMs: 5000 });
    let state = initialRestartState(0);
    const crashAt = (now: number): number => {
      const d = decideRestart(config, state, crash, now, noJitter);
      if (d.action !== 'restart') throw new Error(d.action);
      state = noteStarted(d.state, now + d.delayMs);
      return d.delayMs;
    };
    expect([crashAt(10), crashAt(200), crashAt(500)]).toEqual([100, 200, 400]);
    expect(state.backoffExponent).toBe(3);
    // The run that started at 900 lasts 5000 ms: healthy, so back to minBackoff.
    expect(crashAt(900 + 5000)).toBe(100);
    expect(state.backoffExponent).toBe(1);
    expect(crashAt(state.lastStartAt + 4999)).toBe(200); // one ms short of healthy
  });

  it('stays finite with a zero minBackoff and many restarts', () => {
    const config = resolveRestartPolicy({ restart: 'permanent', maxRestarts: 500, minBackoffMs: 0, resetAfterMs: 1e9 });
    const decisions = crashLoop(config, 1, 200);
    expect(decisions.every((d) => d.action === 'restart' && d.delayMs === 0)).toBe(true);
    expect(decisions.at(-1)?.state.backoffExponent).toBe(52);
  });

  it('keeps the state plain JSON', () => {
    const [first] = crashLoop(resolveRestartPolicy(), 10, 1);
    const state = first?.state;
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
