/**
 * The simulated agent's knobs a dashboard client may set: behaviour only (counts, delays, crash
 * and fail switches), each with a cap. Paths (state-dir, tally-dir) are never on the list: a client
 * must not make troupe write outside the project; sizes are capped so no client can make a hostile log.
 */
import { messageOf } from '../errors/troupe-error.js';
import { envName, parseKnobValue, type KnobName } from '../sim-agent/knobs.js';

interface Limit {
  max?: number;
  /** For the one string knob. */
  pattern?: RegExp;
}

export const DASHBOARD_KNOB_LIMITS: Partial<Record<KnobName, Limit>> = {
  chunks: { max: 100_000 },
  'chunk-bytes': { max: 16 * 1024 },
  'delay-ms': { max: 10_000 },
  rate: { max: 1_000 },
  tools: { max: 1_000 },
  'crash-after': { max: 1_000 },
  'crash-signal': {},
  'crash-exit-code': {},
  'crash-times': { max: 100 },
  'crash-rate': {},
  'hang-after': { max: 1_000 },
  garbage: { max: 50 },
  'huge-line-bytes': { max: 1024 * 1024 },
  'stderr-noise': { max: 100 },
  timestamps: {},
  fail: {},
  'turn-delay-ms': { max: 60_000 },
  stray: {},
  'permission-requests': { max: 100 },
  'ask-question': {},
  'edit-files': { max: 20 },
  seed: { pattern: /^[\w.-]{1,64}$/ },
};

const BY_ENV_NAME = new Map(Object.keys(DASHBOARD_KNOB_LIMITS).map((name) => [envName(name as KnobName), name as KnobName]));

/** The problem with one `TROUPE_SIM_*` variable a client asked for, naming it; null when it may be set. */
export function dashboardKnobProblem(variable: string, raw: string): string | null {
  const knob = BY_ENV_NAME.get(variable);
  if (!knob) {
    return `${JSON.stringify(variable.slice(0, 60))} may not be set from the dashboard; allowed: ${[...BY_ENV_NAME.keys()].join(', ')}`;
  }
  let value;
  try {
    value = parseKnobValue(knob, raw, variable, '');
  } catch (error) {
    return messageOf(error);
  }
  const limit = DASHBOARD_KNOB_LIMITS[knob] as Limit;
  if (limit.max !== undefined && typeof value === 'number' && value > limit.max) {
    return `${variable} has a bad value ${JSON.stringify(raw)}: at most ${limit.max} from the dashboard`;
  }
  if (limit.pattern && typeof value === 'string' && !limit.pattern.test(value)) {
    return `${variable} has a bad value ${JSON.stringify(raw.slice(0, 80))}: expected 1 to 64 letters, digits, '.', '_' or '-'`;
  }
  return null;
}

/** Most bytes of text one turn may stream when its chunk size is set (chunks × chunk-bytes). */
export const MAX_TURN_TEXT_BYTES = 64 * 1024 * 1024;

/** A problem of the knobs together (each one is fine alone); null when there is none. */
export function dashboardKnobsProblem(env: Record<string, string>): string | null {
  const chunks = Number(env[envName('chunks')] ?? 6);
  const bytes = Number(env[envName('chunk-bytes')] ?? 0);
  if (Number.isFinite(chunks * bytes) && chunks * bytes > MAX_TURN_TEXT_BYTES) {
    return `TROUPE_SIM_CHUNKS × TROUPE_SIM_CHUNK_BYTES is ${chunks * bytes} bytes a turn: at most ${MAX_TURN_TEXT_BYTES} from the dashboard`;
  }
  return null;
}
