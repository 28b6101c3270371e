import { describe, expect, it } from 'vitest';
import { dashboardKnobProblem, dashboardKnobsProblem } from '../../../src/server/sim-knob-limits.js';
import { DEFAULT_SIM_BEHAVIOUR, LENGTH_CHUNKS, simBehaviourEnv, SPEED_DELAY_MS, type SimBehaviour } from '../../../src/ui/lib/sim-behaviour.js';

describe('the start dialog’s simulated behaviour', () => {
  it('becomes knobs the server accepts, for every choice', () => {
    for (const speed of Object.keys(SPEED_DELAY_MS) as SimBehaviour['speed'][]) {
      for (const length of Object.keys(LENGTH_CHUNKS) as SimBehaviour['length'][]) {
        for (const crash of ['never', 'once', 'sometimes'] as const) {
          for (const fail of [false, true]) {
            const env = simBehaviourEnv({ speed, length, crash, fail });
            for (const [name, value] of Object.entries(env)) expect(dashboardKnobProblem(name, value), `${name}=${value}`).toBeNull();
            expect(dashboardKnobsProblem(env)).toBeNull();
          }
        }
      }
    }
  });

  it('says what each choice does', () => {
    expect(simBehaviourEnv(DEFAULT_SIM_BEHAVIOUR)).toEqual({ TROUPE_SIM_DELAY_MS: '120', TROUPE_SIM_CHUNKS: '30', TROUPE_SIM_TOOLS: '2' });
    expect(simBehaviourEnv({ ...DEFAULT_SIM_BEHAVIOUR, crash: 'once' })).toMatchObject({ TROUPE_SIM_CRASH_AFTER: '15', TROUPE_SIM_CRASH_TIMES: '1' });
    expect(simBehaviourEnv({ ...DEFAULT_SIM_BEHAVIOUR, crash: 'sometimes' })).toMatchObject({ TROUPE_SIM_CRASH_RATE: '0.25' });
    expect(simBehaviourEnv({ ...DEFAULT_SIM_BEHAVIOUR, fail: true })).toMatchObject({ TROUPE_SIM_FAIL: '1' });
  });
});
