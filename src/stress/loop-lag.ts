/**
 * Main-thread event-loop lag, from perf_hooks' monitorEventLoopDelay. Node's histogram records
 * the time between its timer's ticks, which includes the sampling interval: the lag is what is
 * left beyond it. A plain interval timer is kept beside it as a cross-check, and stands in when
 * the histogram recorded nothing.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Sample } from './percentiles.js';

export const LOOP_SAMPLE_MS = 1;
const CHECK_EVERY_MS = 10;

export interface LoopLag {
  p50: number;
  p99: number;
  max: number;
  /** Ticks recorded by perf_hooks (0: the figures come from the cross-check timer). */
  samples: number;
  /** The cross-check: an interval timer's own lateness, p99 and max. */
  timerP99: number;
  timerMax: number;
}

export class LoopLagMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });
  private readonly late = new Sample();
  private timer: NodeJS.Timeout | null = null;

  start(): void {
    this.histogram.reset();
    this.histogram.enable();
    let last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      this.late.push(Math.max(0, now - last - CHECK_EVERY_MS));
      last = now;
    }, CHECK_EVERY_MS);
  }

  stop(): LoopLag {
    this.histogram.disable();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const timer = this.late.spread();
    const count = this.histogram.count;
    if (count === 0) return { p50: timer.p50, p99: timer.p99, max: timer.max, samples: 0, timerP99: timer.p99, timerMax: timer.max };
    const lag = (ns: number) => Math.max(0, ns / 1e6 - LOOP_SAMPLE_MS);
    return {
      p50: lag(this.histogram.percentile(50)),
      p99: lag(this.histogram.percentile(99)),
      max: lag(this.histogram.max),
      samples: count,
      timerP99: timer.p99,
      timerMax: timer.max,
    };
  }
}
