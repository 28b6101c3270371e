/**
 * The restart policy as data and a pure decision function (OTP restart types
 * and intensity, Akka backoff). Time and randomness come in as arguments, so
 * every decision is reproducible on virtual time.
 */
import { troupeError } from '../errors/troupe-error.js';
import type { RestartPolicyConfig, RestartType } from '../protocol/index.js';

/**
 * 5 restarts in 60 s (OTP's own default of 1 in 5 s gives up on one flaky
 * network call), backoff 0.2 s doubling to 30 s: a crash loop is given up after
 * about 6 s of waiting, a single crash costs a fifth of a second.
 */
export const DEFAULT_RESTART_POLICY: Readonly<RestartPolicyConfig> = Object.freeze({
  restart: 'transient',
  maxRestarts: 5,
  periodMs: 60_000,
  minBackoffMs: 200,
  maxBackoffMs: 30_000,
  randomFactor: 0.2,
  resetAfterMs: 30_000,
});

const RESTART_TYPES: readonly RestartType[] = ['permanent', 'transient', 'temporary'];

type Check = (value: unknown) => boolean;
const finiteAtLeast = (min: number): Check => (v) => typeof v === 'number' && Number.isFinite(v) && v >= min;

const RULES: Record<keyof RestartPolicyConfig, { rule: string; ok: Check }> = {
  restart: { rule: `one of ${RESTART_TYPES.join(', ')}`, ok: (v) => RESTART_TYPES.includes(v as RestartType) },
  maxRestarts: { rule: 'an integer >= 0', ok: (v) => Number.isInteger(v) && (v as number) >= 0 },
  periodMs: { rule: 'a finite number > 0', ok: (v) => finiteAtLeast(0)(v) && (v as number) > 0 },
  minBackoffMs: { rule: 'a finite number >= 0', ok: finiteAtLeast(0) },
  maxBackoffMs: { rule: 'a finite number >= 0', ok: finiteAtLeast(0) },
  randomFactor: { rule: 'a number from 0 to 1', ok: (v) => finiteAtLeast(0)(v) && (v as number) <= 1 },
  resetAfterMs: { rule: 'a finite number >= 0', ok: finiteAtLeast(0) },
};

function invalid(message: string): never {
  throw troupeError('INVALID_ARGUMENT', message);
}

/**
 * Defaults overlaid with each partial in turn (later wins; undefined values are
 * ignored). Every option is checked up front; the error names the option.
 */
export function resolveRestartPolicy(
  ...partials: ReadonlyArray<Partial<RestartPolicyConfig> | undefined>
): RestartPolicyConfig {
  const config: RestartPolicyConfig = { ...DEFAULT_RESTART_POLICY };
  for (const partial of partials) {
    if (partial === undefined) continue;
    if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) {
      invalid(`restartPolicy must be an object, got ${JSON.stringify(partial)}`);
    }
    for (const [key, value] of Object.entries(partial)) {
      if (!Object.hasOwn(RULES, key)) {
        invalid(`restartPolicy.${key} is not an option (options: ${Object.keys(RULES).join(', ')})`);
      }
      if (value === undefined) continue;
      const { rule, ok } = RULES[key as keyof RestartPolicyConfig];
      if (!ok(value)) invalid(`restartPolicy.${key} must be ${rule}, got ${JSON.stringify(value)}`);
      (config as unknown as Record<string, unknown>)[key] = value;
    }
  }
  if (config.maxBackoffMs < config.minBackoffMs) {
    invalid(
      `restartPolicy.maxBackoffMs (${config.maxBackoffMs}) must be >= restartPolicy.minBackoffMs (${config.minBackoffMs})`,
    );
  }
  return config;
}

/** Plain JSON, so it can be kept in the session log and survive a supervisor restart. */
export interface RestartState {
  /** When each restart within the current intensity window was decided. */
  restartTimes: number[];
  /** n in minBackoff * 2^n: restarts since the last reset. */
  backoffExponent: number;
  /** When the current (or last) run of the session started. */
  lastStartAt: number;
}

export interface RestartExit {
  abnormal: boolean;
  reason: string;
}

export type RestartDecision =
  /** `attempt`: this restart's number within the intensity window, 1..maxRestarts. */
  | { action: 'restart'; delayMs: number; attempt: number; state: RestartState }
  | { action: 'give-up'; reason: string; state: RestartState }
  | { action: 'none'; state: RestartState };

/** 2^52 is still exact; past it the exponent stops growing (the delay is at maxBackoff long before). */
const MAX_EXPONENT = 52;

export function initialRestartState(now: number): RestartState {
  return { restartTimes: [], backoffExponent: 0, lastStartAt: now };
}

/** The session (re)started at `now`: the healthy-run measure for the backoff reset starts here. */
export function noteStarted(state: RestartState, now: number): RestartState {
  return { ...state, lastStartAt: now };
}

function formatPeriod(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

function count(n: number, abnormal: boolean): string {
  if (abnormal) return `${n} ${n === 1 ? 'crash' : 'crashes'}`;
  return `${n} ${n === 1 ? 'exit' : 'exits'}`;
}

/**
 * What to do after a session's process exited.
 * - temporary: never restarts; transient: only after an abnormal exit; permanent: always.
 * - Intensity (OTP): a restart that would make more than maxRestarts within
 *   periodMs gives up instead. The window slides: older restarts drop out.
 * - Delay (Akka): min(maxBackoff, minBackoff * 2^n) * (1 + random() * randomFactor),
 *   n reset to 0 when the run that just ended lasted resetAfterMs. The jitter is
 *   applied after the cap on purpose, so the delay may exceed maxBackoffMs by up
 *   to randomFactor (36 s with the defaults): capping it would make sessions
 *   that crash-loop together restart in lockstep, exactly at the ceiling.
 */
export function decideRestart(
  config: RestartPolicyConfig,
  state: RestartState,
  exit: RestartExit,
  now: number,
  random: () => number,
): RestartDecision {
  if (config.restart === 'temporary' || (config.restart === 'transient' && !exit.abnormal)) {
    return { action: 'none', state };
  }
  const recent = state.restartTimes.filter((t) => now - t < config.periodMs);
  if (recent.length >= config.maxRestarts) {
    return {
      action: 'give-up',
      reason: `restart intensity exceeded: ${count(recent.length + 1, exit.abnormal)} within ${formatPeriod(config.periodMs)}; last: ${exit.reason}`,
      state: { ...state, restartTimes: recent },
    };
  }
  const healthyRun = now - state.lastStartAt >= config.resetAfterMs;
  const n = healthyRun ? 0 : state.backoffExponent;
  const base = Math.min(config.maxBackoffMs, config.minBackoffMs * 2 ** n);
  const r = random();
  const jitter = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return {
    action: 'restart',
    delayMs: Math.round(base * (1 + jitter * config.randomFactor)),
    attempt: recent.length + 1,
    state: { ...state, restartTimes: [...recent, now], backoffExponent: Math.min(n + 1, MAX_EXPONENT) },
  };
}
