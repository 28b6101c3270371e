/**
 * Main-thread event-loop lag from perf_hooks. Node's histogram records the time between timer
 * ticks, which includes the sampling interval itself; the lag is what is left beyond it.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export const LOOP_SAMPLE_MS = 1;

export interface LoopLag {
  p50: number;
  p99: number;
  max: number;
}

export class LoopLagMonitor {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });

  start(): void {
    this.histogram.reset();
    this.histogram.enable();
  }

  stop(): LoopLag {
    this.histogram.disable();
    const lag = (ns: number) => Math.max(0, ns / 1e6 - LOOP_SAMPLE_MS);
    if (this.histogram.count === 0) return { p50: 0, p99: 0, max: 0 };
    return { p50: lag(this.histogram.percentile(50)), p99: lag(this.histogram.percentile(99)), max: lag(this.histogram.max) };
  }
}
