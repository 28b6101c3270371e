/** Knob values from env and flags, validated with messages that name the knob. */
import { describe, expect, it } from 'vitest';
import { readKnobs, type KnobName } from '../../src/sim-agent/knobs.js';

const flags = (entries: Record<string, string | true>) => new Map(Object.entries(entries)) as Map<KnobName, string | true>;

describe('readKnobs', () => {
  it('has calm defaults: 6 chunks, 40 ms apart, 1 tool, timestamps on, crash once', () => {
    const knobs = readKnobs({}, new Map());
    expect(knobs).toMatchObject({ chunks: 6, delayMs: 40, tools: 1, timestamps: true, crashTimes: 1, crashExitCode: 1, fail: false });
    expect(knobs.stateDir).toMatch(/troupe-sim-agent$/);
  });

  it('reads TROUPE_SIM_<NAME> and lets the flag win', () => {
    const env = { TROUPE_SIM_CHUNKS: '3', TROUPE_SIM_CRASH_SIGNAL: 'kill', TROUPE_SIM_STATE_DIR: '/tmp/x' };
    expect(readKnobs(env, new Map())).toMatchObject({ chunks: 3, crashSignal: 'SIGKILL', stateDir: '/tmp/x' });
    expect(readKnobs(env, flags({ chunks: '8' })).chunks).toBe(8);
  });

  it('turns rate into a delay; a flag beats an env, and rate beats delay-ms from the same place', () => {
    expect(readKnobs({ TROUPE_SIM_RATE: '20' }, new Map()).delayMs).toBe(50);
    expect(readKnobs({ TROUPE_SIM_RATE: '20' }, flags({ 'delay-ms': '0' })).delayMs).toBe(0);
    expect(readKnobs({}, flags({ rate: '10', 'delay-ms': '5' })).delayMs).toBe(100);
  });

  it.each([
    ['chunks', 'many', /TROUPE_SIM_CHUNKS has a bad value "many": expected a number/],
    ['chunks', '-1', /expected at least 0/],
    ['tools', '1.5', /expected a whole number/],
    ['crash-rate', '2', /expected at most 1/],
    ['crash-signal', 'SIGUSR1', /expected a signal that ends a process/],
    ['timestamps', 'maybe', /expected one of 1\/0/],
  ])('refuses a bad %s (%s) with a message naming it', (name, value, message) => {
    const env = { [`TROUPE_SIM_${name.toUpperCase().replace(/-/g, '_')}`]: value };
    expect(() => readKnobs(env, new Map())).toThrow(message);
    expect(() => readKnobs({}, flags({ [name]: value }))).toThrow(new RegExp(`--sim-${name}`));
  });
});
