/**
 * What troupe itself costs while a run goes: peak RSS of its one process (main thread and every
 * worker thread), CPU of the process and of its main thread, and CPU of the agent processes it
 * spawned and reaped (the kernel adds a reaped child's time to the parent's cutime/cstime).
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const TICKS_PER_SECOND = 100;
const SAMPLE_EVERY_MS = 200;

export interface CpuFigures {
  /** Wall-clock seconds of the measured stretch. */
  wallSec: number;
  /** CPU seconds of troupe's process, all threads. */
  troupeSec: number;
  /** CPU seconds of troupe's main thread alone. */
  mainThreadSec: number;
  /** CPU seconds of the agent processes that ended meanwhile. */
  agentsSec: number;
}

interface CpuMark {
  at: number;
  process: NodeJS.CpuUsage;
  mainTicks: number;
  /** Reaped children's ticks plus the live agents' own. */
  agentTicks: number;
}

/** utime+stime (fields 14, 15) and cutime+cstime (16, 17) of a /proc stat line, in ticks. */
function statTicks(line: string): { own: number; children: number } {
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  const n = (i: number) => Number(fields[i - 3] ?? 0);
  return { own: n(14) + n(15), children: n(16) + n(17) };
}

/**
 * Read synchronously, once at each end of a window: a /proc stat file is a few hundred bytes made
 * in memory (microseconds), while async reads wait for libuv's thread pool, which a loaded
 * machine can starve for tens of seconds.
 */
function cpuMark(agentPids: readonly number[]): CpuMark {
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return ''; // the process ended meanwhile
    }
  };
  const self = read('/proc/self/stat');
  const main = read(`/proc/self/task/${process.pid}/stat`);
  const agents = agentPids.map((pid) => read(`/proc/${pid}/stat`));
  let agentTicks = self ? statTicks(self).children : 0;
  for (const agent of agents) if (agent) agentTicks += statTicks(agent).own;
  return { at: performance.now(), process: process.cpuUsage(), mainTicks: main ? statTicks(main).own : 0, agentTicks };
}

/**
 * CPU between two marks. Agents are counted by their own ticks while alive and through the
 * parent's cutime once reaped, so one that lives across a mark is neither lost nor counted twice.
 */
export class CpuMeter {
  private constructor(private readonly start: CpuMark) {}

  static begin(agentPids: readonly number[]): CpuMeter {
    return new CpuMeter(cpuMark(agentPids));
  }

  end(agentPids: readonly number[]): CpuFigures {
    const end = cpuMark(agentPids);
    const used = process.cpuUsage(this.start.process);
    return {
      wallSec: (end.at - this.start.at) / 1000,
      troupeSec: (used.user + used.system) / 1e6,
      mainThreadSec: (end.mainTicks - this.start.mainTicks) / TICKS_PER_SECOND,
      agentsSec: Math.max(0, end.agentTicks - this.start.agentTicks) / TICKS_PER_SECOND,
    };
  }
}

/** Peak RSS, sampled on a timer (memoryUsage.rss() is one cheap syscall). */
export class RssPeak {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  start(): void {
    this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    return rss;
  }

  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return this.peak;
  }
}

/**
 * RSS once it stops growing (threads a pool starts in the background settle within a second or
 * two), after a full collection: the reading that per-session growth is measured from.
 */
export async function settledRss(maxWaitMs = 3_000): Promise<number> {
  const deadline = performance.now() + maxWaitMs;
  let previous = process.memoryUsage.rss();
  let steadySince = performance.now();
  while (performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const rss = process.memoryUsage.rss();
    if (rss - previous > MB) steadySince = performance.now();
    else if (performance.now() - steadySince >= 400) break;
    previous = rss;
  }
  collectGarbage();
  return process.memoryUsage.rss();
}

let collect: (() => void) | null | undefined;

/** A full garbage collection before an RSS reading, so it counts what is held, not what awaits collection. */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

export const MB = 1024 * 1024;
