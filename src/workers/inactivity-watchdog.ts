import type { Clock, TimerHandle } from '../time/clock.js';

/**
 * Fires when a turn has produced no output for `timeoutMs`. Output only stamps the time (cheap per
 * line); the one timer looks at the stamp when it is due and waits for the rest if there was output.
 */
export class InactivityWatchdog {
  private timer: TimerHandle | null = null;
  private lastOutputAt = 0;
  private paused = false;

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
    private readonly onInactive: () => void,
  ) {}

  /** A turn started (or continues): the quiet time counts from now. */
  arm(): void {
    this.lastOutputAt = this.clock.now();
    this.paused = false;
    if (this.timeoutMs <= 0 || this.timer !== null) return;
    this.schedule(this.timeoutMs);
  }

  touch(): void {
    this.lastOutputAt = this.clock.now();
  }

  /** Time spent waiting for a person does not count: the quiet time starts again on resume. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.touch();
  }

  disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.paused = false;
  }

  private schedule(ms: number): void {
    this.timer = this.clock.setTimeout(() => this.check(), ms);
  }

  private check(): void {
    this.timer = null;
    if (this.paused) {
      this.schedule(this.timeoutMs);
      return;
    }
    const quiet = this.clock.now() - this.lastOutputAt;
    if (quiet >= this.timeoutMs) this.onInactive();
    else this.schedule(this.timeoutMs - quiet);
  }
}
