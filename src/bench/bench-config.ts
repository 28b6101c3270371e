/** The benchmark's options. */
export const BENCH_USAGE = 'usage: node dist/bench/main.js [--quick] [--name n] [--sizes 10,50] [--rate r] [--load 100x100|none] [--window s] [--no-extras]';

export interface BenchConfig {
  name: string;
  sizes: number[];
  rate: number;
  load: { sessions: number; rate: number } | null;
  windowMs: number;
  warmupMs: number;
  /** How long idle is measured after each scale row's window. */
  idleMs: number;
  chunkBytes: number;
  floodSessions: number;
  feedSessions: number;
  latencyRuns: number;
  extras: boolean;
}

/**
 * The whole run stays under 15 minutes: the scale rows take 9.5-10.6 minutes on 2 cores, and the
 * other benches (about 5 minutes together) only run while time is left.
 */
export const BUDGET_MS = 15 * 60_000;

const KNOWN_FLAGS = ['--quick', '--no-extras', '--name', '--sizes', '--rate', '--window', '--load'];

function defaultName(): string {
  return `troupe-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}`;
}

export function parseBenchArgs(argv: string[]): BenchConfig {
  const config: BenchConfig = {
    name: defaultName(),
    sizes: [10, 50, 100, 200],
    rate: 20,
    load: { sessions: 100, rate: 100 },
    windowMs: 5_000,
    warmupMs: 1_000,
    idleMs: 3_000,
    chunkBytes: 200,
    floodSessions: 10,
    feedSessions: 20,
    latencyRuns: 10,
    extras: true,
  };
  const bad = (flag: string, value: string | undefined) =>
    new Error(!KNOWN_FLAGS.includes(flag) ? `bench: unknown option ${JSON.stringify(flag)}` : `bench: ${flag} has a bad value ${JSON.stringify(value)}`);
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    const number = Number(value);
    if (flag === '--quick') {
      Object.assign(config, { sizes: [5, 10], load: { sessions: 10, rate: 50 }, windowMs: 2_000, warmupMs: 500, idleMs: 1_000, floodSessions: 4, feedSessions: 5, latencyRuns: 3, extras: false });
      continue;
    }
    if (flag === '--no-extras') {
      config.extras = false;
      continue;
    }
    i += 1;
    if (flag === '--name' && value && /^[\w.-]+$/.test(value)) config.name = value;
    else if (flag === '--sizes' && value && value.split(',').every((s) => Number.isInteger(Number(s)) && Number(s) > 0)) config.sizes = value.split(',').map(Number);
    else if (flag === '--rate' && number > 0) config.rate = number;
    else if (flag === '--window' && number > 0) config.windowMs = number * 1000;
    else if (flag === '--load' && value === 'none') config.load = null;
    else if (flag === '--load' && value && /^\d+x\d+$/.test(value)) {
      const [sessions, rate] = value.split('x').map(Number);
      config.load = { sessions: sessions!, rate: rate! };
    } else throw bad(flag, value);
  }
  return config;
}

