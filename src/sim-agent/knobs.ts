/**
 * The simulated agent's knobs. Each is read from the env `TROUPE_SIM_<NAME>` and from the flag
 * `--sim-<name>`; the flag wins. Bad values are refused with a message naming the knob.
 */
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';

export interface Knobs {
  chunks: number;
  /** Exact UTF-8 size of each text chunk; natural prose when unset. */
  chunkBytes?: number;
  /** Pause before each chunk (from delay-ms or rate). */
  delayMs: number;
  tools: number;
  crashAfter?: number;
  crashSignal?: NodeJS.Signals;
  crashExitCode: number;
  crashTimes: number;
  crashRate: number;
  hangAfter?: number;
  garbage: number;
  hugeLineBytes?: number;
  stderrNoise: number;
  timestamps: boolean;
  fail: boolean;
  turnDelayMs: number;
  /** Leave a background job in the process group each turn (see stray-job.ts). */
  stray: boolean;
  /** Tool calls per turn that need a person's approval (asked on the control protocol). */
  permissionRequests: number;
  /** Each turn starts by asking the person a question (AskUserQuestion). */
  askQuestion: boolean;
  /** Files the agent really creates or changes per turn, inside its working directory (edit-files.ts). */
  editFiles: number;
  /** Seed of the prose; a fresh random one per process when unset. */
  seed?: string;
  stateDir: string;
  /** When set, the `ts` of every line written is listed in a file here at exit (stress runs count loss with it). */
  tallyDir?: string;
}

type KnobKind = 'int' | 'number' | 'boolean' | 'signal' | 'string';

interface KnobSpec {
  kind: KnobKind;
  min?: number;
  max?: number;
}

export const KNOB_SPECS = {
  chunks: { kind: 'int', min: 0 },
  'chunk-bytes': { kind: 'int', min: 1 },
  'delay-ms': { kind: 'number', min: 0 },
  rate: { kind: 'number', min: 0.001 },
  tools: { kind: 'int', min: 0 },
  'crash-after': { kind: 'int', min: 0 },
  'crash-signal': { kind: 'signal' },
  'crash-exit-code': { kind: 'int', min: 0, max: 255 },
  'crash-times': { kind: 'int', min: 0 },
  'crash-rate': { kind: 'number', min: 0, max: 1 },
  'hang-after': { kind: 'int', min: 0 },
  garbage: { kind: 'int', min: 0 },
  'huge-line-bytes': { kind: 'int', min: 1 },
  'stderr-noise': { kind: 'int', min: 0 },
  timestamps: { kind: 'boolean' },
  fail: { kind: 'boolean' },
  'turn-delay-ms': { kind: 'number', min: 0 },
  stray: { kind: 'boolean' },
  'permission-requests': { kind: 'int', min: 0 },
  'ask-question': { kind: 'boolean' },
  'edit-files': { kind: 'int', min: 0, max: 100 },
  seed: { kind: 'string' },
  'state-dir': { kind: 'string' },
  'tally-dir': { kind: 'string' },
} as const satisfies Record<string, KnobSpec>;

export type KnobName = keyof typeof KNOB_SPECS;

export const DEFAULT_CHUNKS = 6;
export const DEFAULT_DELAY_MS = 40;
export const DEFAULT_TOOLS = 1;

/**
 * Signals the agent may kill itself with: ones whose default action ends the process.
 * SIGUSR1 (Node's inspector), SIGPIPE (ignored by Node) and the ignored-by-default ones are left out.
 */
const CRASH_SIGNALS = new Set([
  'SIGKILL', 'SIGSEGV', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGILL', 'SIGTRAP', 'SIGSYS', 'SIGQUIT',
  'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGALRM', 'SIGUSR2', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF',
]);

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

export function isKnobName(name: string): name is KnobName {
  return Object.hasOwn(KNOB_SPECS, name);
}

export function isBooleanKnob(name: KnobName): boolean {
  return KNOB_SPECS[name].kind === 'boolean';
}

export function isBooleanWord(value: string): boolean {
  const word = value.toLowerCase();
  return TRUE_WORDS.has(word) || FALSE_WORDS.has(word);
}

export function envName(name: KnobName): string {
  return `TROUPE_SIM_${name.toUpperCase().replace(/-/g, '_')}`;
}

export type KnobValue = number | boolean | string;

/** One knob's raw value, checked against its kind and bounds; `source` names it in the error. */
export function parseKnobValue(name: KnobName, raw: string, source: string, prefix = 'troupe-sim-agent: '): KnobValue {
  const spec: KnobSpec = KNOB_SPECS[name];
  const bad = (why: string) =>
    troupeError('INVALID_ARGUMENT', `${prefix}${source} has a bad value ${JSON.stringify(raw)}: ${why}`, {
      knob: name,
    });
  switch (spec.kind) {
    case 'boolean': {
      const word = raw.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      throw bad('expected one of 1/0, true/false, yes/no, on/off');
    }
    case 'signal': {
      const upper = raw.toUpperCase();
      const signal = upper.startsWith('SIG') ? upper : `SIG${upper}`;
      if (!CRASH_SIGNALS.has(signal) || !(signal in constants.signals)) {
        throw bad(`expected a signal that ends a process, one of ${[...CRASH_SIGNALS].join(', ')}`);
      }
      return signal;
    }
    case 'string':
      if (raw === '') throw bad('expected a non-empty value');
      return raw;
    case 'int':
    case 'number': {
      const value = raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(value)) throw bad('expected a number');
      if (spec.kind === 'int' && !Number.isInteger(value)) throw bad('expected a whole number');
      if (spec.min !== undefined && value < spec.min) throw bad(`expected at least ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) throw bad(`expected at most ${spec.max}`);
      return value;
    }
  }
}

interface Resolved {
  value: KnobValue;
  fromFlag: boolean;
}

/** Reads every knob; `flags` holds the raw `--sim-<name>` values (true for a bare boolean flag). */
export function readKnobs(env: NodeJS.ProcessEnv, flags: ReadonlyMap<KnobName, string | true>): Knobs {
  const resolved = new Map<KnobName, Resolved>();
  for (const name of Object.keys(KNOB_SPECS) as KnobName[]) {
    const flag = flags.get(name);
    if (flag !== undefined) {
      resolved.set(name, {
        value: flag === true ? parseKnobValue(name, 'true', `--sim-${name}`) : parseKnobValue(name, flag, `--sim-${name}`),
        fromFlag: true,
      });
      continue;
    }
    const fromEnv = env[envName(name)];
    if (fromEnv !== undefined && fromEnv !== '') {
      resolved.set(name, { value: parseKnobValue(name, fromEnv, envName(name)), fromFlag: false });
    }
  }
  const num = (name: KnobName): number | undefined => resolved.get(name)?.value as number | undefined;
  const bool = (name: KnobName): boolean | undefined => resolved.get(name)?.value as boolean | undefined;
  const str = (name: KnobName): string | undefined => resolved.get(name)?.value as string | undefined;

  return {
    chunks: num('chunks') ?? DEFAULT_CHUNKS,
    chunkBytes: num('chunk-bytes'),
    delayMs: pace(resolved.get('delay-ms'), resolved.get('rate')),
    tools: num('tools') ?? DEFAULT_TOOLS,
    crashAfter: num('crash-after'),
    crashSignal: str('crash-signal') as NodeJS.Signals | undefined,
    crashExitCode: num('crash-exit-code') ?? 1,
    crashTimes: num('crash-times') ?? 1,
    crashRate: num('crash-rate') ?? 0,
    hangAfter: num('hang-after'),
    garbage: num('garbage') ?? 0,
    hugeLineBytes: num('huge-line-bytes'),
    stderrNoise: num('stderr-noise') ?? 0,
    timestamps: bool('timestamps') ?? true,
    fail: bool('fail') ?? false,
    turnDelayMs: num('turn-delay-ms') ?? 0,
    stray: bool('stray') ?? false,
    permissionRequests: num('permission-requests') ?? 0,
    askQuestion: bool('ask-question') ?? false,
    editFiles: num('edit-files') ?? 0,
    seed: str('seed'),
    stateDir: str('state-dir') ?? join(tmpdir(), 'troupe-sim-agent'),
    tallyDir: str('tally-dir'),
  };
}

/** delay-ms or rate: a flag beats an env value; from the same source, rate wins. */
function pace(delay: Resolved | undefined, rate: Resolved | undefined): number {
  const fromRate = (r: Resolved) => 1000 / (r.value as number);
  if (rate?.fromFlag) return fromRate(rate);
  if (delay?.fromFlag) return delay.value as number;
  if (rate) return fromRate(rate);
  if (delay) return delay.value as number;
  return DEFAULT_DELAY_MS;
}
