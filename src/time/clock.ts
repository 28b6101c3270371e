/**
 * Time for the supervisor and the session worker: every timer goes through a Clock, so the state
 * machines are tested on virtual time (XState's SimulatedClock is the model) without sleeping.
 */

export type TimerHandle = unknown;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Runs `fn` once the current tick is done (setImmediate); cancel it with clearTimeout. */
  defer(fn: () => void): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

const immediates = new WeakSet<object>();

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  defer: (fn) => {
    const handle = setImmediate(fn);
    immediates.add(handle);
    return handle;
  },
  clearTimeout: (handle) => {
    if (handle === null || handle === undefined) return;
    if (typeof handle === 'object' && immediates.has(handle)) clearImmediate(handle as NodeJS.Immediate);
    else clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** Resolves after `ms` on the given clock. */
export function sleepOn(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

/** Virtual time: timers fire only from `advance` (or `runDue`), in due order (ties in the order they were set). */
export class SimulatedClock implements Clock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    // Like the platform: a negative or NaN delay means "as soon as possible".
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    this.timers.set(id, { id, at: this.time + delay, fn });
    return id;
  }

  defer(fn: () => void): number {
    return this.setTimeout(fn, 0);
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.size;
  }

  /** When the next timer is due, if any. */
  get nextDueAt(): number | undefined {
    return this.nextDue(Infinity)?.at;
  }

  /**
   * Moves time forward by `ms`, firing every timer due by then, each at its own
   * due time, including timers that fired callbacks set within the window.
   */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
    const end = this.time + ms;
    for (let next = this.nextDue(end); next; next = this.nextDue(end)) {
      this.timers.delete(next.id);
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }

  private nextDue(end: number): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.at > end) continue;
      if (!best || timer.at < best.at || (timer.at === best.at && timer.id < best.id)) best = timer;
    }
    return best;
  }
}
