import type { SessionTotals, UsageChunk, UsageSnapshot } from '../protocol/index.js';

export type UsageTotals = SessionTotals;

const ZERO: Readonly<UsageTotals> = Object.freeze({ inputTokens: 0, outputTokens: 0, costUsd: 0 });

export function emptyUsage(): UsageSnapshot {
  return { totals: { ...ZERO }, lastProcess: { ...ZERO }, lastThread: { ...ZERO } };
}

/** A new agent process started: its running totals start again from zero. */
export function beginProcess(usage: UsageSnapshot): UsageSnapshot {
  return { ...usage, lastProcess: { ...ZERO } };
}

/**
 * Adds a usage chunk whose scope says how to count it: per turn figures add, per process figures
 * are running totals of one agent process, per thread figures are running totals of one
 * conversation. Pure: the session reducer uses it live and on replay alike.
 */
export function addUsage(usage: UsageSnapshot, chunk: UsageChunk): UsageSnapshot {
  const now: UsageTotals = {
    inputTokens: chunk.inputTokens ?? 0,
    outputTokens: chunk.outputTokens ?? 0,
    costUsd: chunk.costUsd ?? 0,
  };
  let delta = now;
  let { lastProcess, lastThread } = usage;
  if (chunk.scope === 'process') {
    delta = positiveDelta(now, lastProcess);
    lastProcess = now;
  } else if (chunk.scope === 'thread') {
    delta = positiveDelta(now, lastThread);
    lastThread = now;
  }
  const totals = {
    inputTokens: usage.totals.inputTokens + delta.inputTokens,
    outputTokens: usage.totals.outputTokens + delta.outputTokens,
    costUsd: usage.totals.costUsd + delta.costUsd,
  };
  return { totals, lastProcess, lastThread };
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
