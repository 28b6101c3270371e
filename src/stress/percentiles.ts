/** Percentiles of a sample by the nearest-rank method (sorts its own copy). */
export interface Spread {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  samples: number;
}

export function spreadOf(values: ArrayLike<number>): Spread {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number): number => {
    if (sorted.length === 0) return 0;
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
  };
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted.length ? sorted[sorted.length - 1]! : 0, samples: sorted.length };
}

/** A growable sample of numbers kept in typed arrays (hundreds of thousands of latencies). */
export class Sample {
  private data = new Float64Array(4096);
  private length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  get size(): number {
    return this.length;
  }

  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }

  spread(): Spread {
    return spreadOf(this.values());
  }
}
