/**
 * What a stress run asks of the simulated agents: how many sessions, turns, chunks per turn, their
 * size and pace, and how often a turn crashes. Checked up front; an error names the option.
 */
import { troupeError } from '../errors/troupe-error.js';
import { quoted } from '../text/quoted.js';

export interface Workload {
  sessions: number;
  /** Turns per session; with `durationMs`, the most turns a session runs (Infinity: no cap). */
  turns: number;
  /** Text chunks per turn (each also has an init line and a result). */
  chunks: number;
  /** Exact size of each text chunk in bytes; the agent's natural prose when unset. */
  chunkBytes?: number;
  /** Chunks per second per session; 0 writes as fast as the agent can. */
  rate: number;
  /** Probability (0..1) that a turn crashes at a random chunk. */
  crashRate: number;
  /** Keep sending turns until this much time has passed (a turn in flight finishes). */
  durationMs?: number;
  /** Fake tool calls per turn. */
  tools: number;
  /** One agent process per session fed turns on stdin, instead of one process per turn. */
  longLived: boolean;
}

export const DEFAULT_WORKLOAD: Omit<Workload, 'sessions'> = {
  turns: 1,
  chunks: 20,
  rate: 20,
  crashRate: 0,
  tools: 0,
  longLived: false,
};

/** The most sessions one run may ask for: each is a worker thread and a Node process. */
export const MAX_STRESS_SESSIONS = 1_000;

function bad(option: string, why: string, value: unknown): never {
  throw troupeError('INVALID_ARGUMENT', `${option} ${why} (got ${quoted(value)})`, { option });
}

function wholeAtLeast(option: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) bad(option, `must be a whole number >= ${min}`, value);
}

export function checkWorkload(input: Partial<Workload> & { sessions: number }): Workload {
  const w: Workload = { ...DEFAULT_WORKLOAD, ...stripUndefined(input) } as Workload;
  wholeAtLeast('--sessions', w.sessions, 1);
  if (w.sessions > MAX_STRESS_SESSIONS) bad('--sessions', `must be at most ${MAX_STRESS_SESSIONS}`, w.sessions);
  if (w.turns !== Infinity) wholeAtLeast('--turns', w.turns, 1);
  wholeAtLeast('--chunks', w.chunks, 0);
  if (w.chunkBytes !== undefined) wholeAtLeast('--chunk-bytes', w.chunkBytes, 1);
  if (!Number.isFinite(w.rate) || w.rate < 0) bad('--rate', 'must be a number >= 0 (0: as fast as possible)', w.rate);
  if (!Number.isFinite(w.crashRate) || w.crashRate < 0 || w.crashRate > 1) bad('--crash-rate', 'must be a number from 0 to 1', w.crashRate);
  if (w.durationMs !== undefined && (!Number.isFinite(w.durationMs) || w.durationMs <= 0)) {
    bad('--duration', 'must be a number of seconds > 0', w.durationMs / 1000);
  }
  wholeAtLeast('--tools', w.tools, 0);
  return w;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The environment variable every agent of a run carries, so leftovers can be found in /proc. */
export const RUN_MARK_VARIABLE = 'TROUPE_STRESS_RUN';

/** The simulated agent's knobs for one session of the run. */
export function simEnvFor(
  w: Workload,
  dirs: { simStateDir: string; tallyDir: (index: number) => string },
  index: number,
  runId: string,
): Record<string, string> {
  const env: Record<string, string> = {
    TROUPE_SIM_STATE_DIR: dirs.simStateDir,
    TROUPE_SIM_TALLY_DIR: dirs.tallyDir(index),
    TROUPE_SIM_CHUNKS: String(w.chunks),
    TROUPE_SIM_TOOLS: String(w.tools),
    TROUPE_SIM_CRASH_RATE: String(w.crashRate),
    TROUPE_SIM_SEED: `stress-${index}`,
    [RUN_MARK_VARIABLE]: runId,
  };
  if (w.rate > 0) env.TROUPE_SIM_RATE = String(w.rate);
  else env.TROUPE_SIM_DELAY_MS = '0';
  if (w.chunkBytes !== undefined) env.TROUPE_SIM_CHUNK_BYTES = String(w.chunkBytes);
  return env;
}
