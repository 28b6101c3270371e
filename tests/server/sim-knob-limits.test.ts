/** The dashboard may set behaviour knobs of the simulated agent, bounded; never a path, never a big size. */
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/server/command-schema.js';

function start(env: Record<string, string>) {
  return parseCommand(JSON.stringify({ type: 'start', spec: { backend: 'sim', persona: 'specialist', env } }));
}

function refusal(env: Record<string, string>): string {
  const parsed = start(env);
  expect(parsed).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
  return parsed.ok ? '' : parsed.error.message;
}

describe('sim knobs from the dashboard', () => {
  it('accepts behaviour knobs within their caps', () => {
    const parsed = start({
      TROUPE_SIM_CHUNKS: '12',
      TROUPE_SIM_DELAY_MS: '250',
      TROUPE_SIM_CRASH_AFTER: '3',
      TROUPE_SIM_CRASH_SIGNAL: 'SIGKILL',
      TROUPE_SIM_CRASH_RATE: '0.2',
      TROUPE_SIM_FAIL: 'on',
      TROUPE_SIM_HUGE_LINE_BYTES: '100000',
      TROUPE_SIM_SEED: 'demo-1',
    });
    expect(parsed.ok).toBe(true);
  });

  it.each(['TROUPE_SIM_STATE_DIR', 'TROUPE_SIM_TALLY_DIR'])('refuses the path knob %s, naming it', (variable) => {
    const message = refusal({ [variable]: '/tmp/elsewhere' });
    expect(message).toContain(variable);
    expect(message).toContain('may not be set from the dashboard');
  });

  it('refuses variables that are no knob at all', () => {
    expect(refusal({ TROUPE_SIM_WHATEVER: '1' })).toContain('TROUPE_SIM_WHATEVER');
    expect(refusal({ LD_PRELOAD: '/tmp/x.so' })).toContain('LD_PRELOAD');
  });

  it('refuses chunk counts and sizes that make a turn of more than 64 MiB together', () => {
    expect(start({ TROUPE_SIM_CHUNKS: '100000', TROUPE_SIM_CHUNK_BYTES: '100' }).ok).toBe(true);
    expect(refusal({ TROUPE_SIM_CHUNKS: '100000', TROUPE_SIM_CHUNK_BYTES: '16384' })).toContain('TROUPE_SIM_CHUNKS × TROUPE_SIM_CHUNK_BYTES');
  });

  it.each([
    ['TROUPE_SIM_HUGE_LINE_BYTES', '8000000', 'at most 1048576'],
    ['TROUPE_SIM_CHUNK_BYTES', '7000000', 'at most 16384'],
    ['TROUPE_SIM_CHUNKS', '1000000', 'at most 100000'],
    ['TROUPE_SIM_DELAY_MS', '1e9', 'at most 10000'],
    ['TROUPE_SIM_CHUNKS', 'many', 'expected a number'],
    ['TROUPE_SIM_CRASH_RATE', '2', 'expected at most 1'],
    ['TROUPE_SIM_SEED', '../../etc', "expected 1 to 64 letters"],
  ])('refuses %s=%s beyond its bounds, naming the knob', (variable, value, why) => {
    const message = refusal({ [variable]: value });
    expect(message).toContain(variable);
    expect(message).toContain(why);
  });
});
