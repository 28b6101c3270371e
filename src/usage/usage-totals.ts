import type { SessionTotals, UsageChunk } from '../protocol/index.js';
import type { UsageSnapshot } from '../protocol/worker-messages.js';

export type UsageTotals = SessionTotals;

/**
 * Adds up usage chunks whose scopes differ: per turn figures add, per process figures are
 * running totals of one agent process, per thread figures are running totals of one conversation.
 * Used alike by the worker (log footer), the supervisor (SessionInfo) and log replay.
 */
export class UsageAccumulator {
  readonly totals: UsageTotals = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  private lastProcess: UsageTotals = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  private lastThread: UsageTotals = { inputTokens: 0, outputTokens: 0, costUsd: 0 };

  snapshot(): UsageSnapshot {
    return { totals: { ...this.totals }, lastProcess: { ...this.lastProcess }, lastThread: { ...this.lastThread } };
  }

  /** Continues from a snapshot (a replacement worker, a resumed session). */
  restore(snapshot: UsageSnapshot): void {
    Object.assign(this.totals, snapshot.totals);
    this.lastProcess = { ...snapshot.lastProcess };
    this.lastThread = { ...snapshot.lastThread };
  }

  /** A new agent process started: its running totals start again from zero. */
  beginProcess(): void {
    this.lastProcess = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  }

  /** Adds a usage chunk and returns what it added. */
  add(chunk: UsageChunk): UsageTotals {
    const now: UsageTotals = {
      inputTokens: chunk.inputTokens ?? 0,
      outputTokens: chunk.outputTokens ?? 0,
      costUsd: chunk.costUsd ?? 0,
    };
    let delta = now;
    if (chunk.scope === 'process') {
      delta = positiveDelta(now, this.lastProcess);
      this.lastProcess = now;
    } else if (chunk.scope === 'thread') {
      delta = positiveDelta(now, this.lastThread);
      this.lastThread = now;
    }
    this.totals.inputTokens += delta.inputTokens;
    this.totals.outputTokens += delta.outputTokens;
    this.totals.costUsd += delta.costUsd;
    return delta;
  }
}

/** A running total that went down belongs to a new process or thread: count it whole. */
function positiveDelta(now: UsageTotals, last: UsageTotals): UsageTotals {
  const lower = now.inputTokens < last.inputTokens || now.outputTokens < last.outputTokens || now.costUsd < last.costUsd;
  if (lower) return now;
  return {
    inputTokens: now.inputTokens - last.inputTokens,
    outputTokens: now.outputTokens - last.outputTokens,
    costUsd: now.costUsd - last.costUsd,
  };
}
