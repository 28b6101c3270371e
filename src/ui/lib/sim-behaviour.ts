/**
 * The simulated agent's behaviour as a person picks it in the start dialog: a few bounded choices,
 * turned into the `TROUPE_SIM_*` knobs the server allows (src/server/sim-knob-limits.ts), each
 * well inside its cap.
 */
export interface SimBehaviour {
  speed: 'fast' | 'readable' | 'slow';
  length: 'short' | 'medium' | 'long';
  /** `once`: the first turn crashes halfway and troupe restarts it; `sometimes`: a quarter of the turns do. */
  crash: 'never' | 'once' | 'sometimes';
  /** Every turn ends like an API error (a failed turn, not a crash). */
  fail: boolean;
}

export const DEFAULT_SIM_BEHAVIOUR: SimBehaviour = { speed: 'readable', length: 'medium', crash: 'never', fail: false };

export const SPEED_DELAY_MS: Record<SimBehaviour['speed'], number> = { fast: 10, readable: 120, slow: 400 };
export const LENGTH_CHUNKS: Record<SimBehaviour['length'], { chunks: number; tools: number }> = {
  short: { chunks: 6, tools: 1 },
  medium: { chunks: 30, tools: 2 },
  long: { chunks: 120, tools: 4 },
};

export function simBehaviourEnv(behaviour: SimBehaviour): Record<string, string> {
  const { chunks, tools } = LENGTH_CHUNKS[behaviour.length];
  const env: Record<string, string> = {
    TROUPE_SIM_DELAY_MS: String(SPEED_DELAY_MS[behaviour.speed]),
    TROUPE_SIM_CHUNKS: String(chunks),
    TROUPE_SIM_TOOLS: String(tools),
  };
  if (behaviour.crash === 'once') {
    env.TROUPE_SIM_CRASH_AFTER = String(Math.floor(chunks / 2));
    env.TROUPE_SIM_CRASH_TIMES = '1';
  } else if (behaviour.crash === 'sometimes') {
    env.TROUPE_SIM_CRASH_RATE = '0.25';
  }
  if (behaviour.fail) env.TROUPE_SIM_FAIL = '1';
  return env;
}
