// Claude Code 2.1.329 as measured against a mock API: a result's `usage` is that turn's tokens,
// its total_cost_usd the running cost of the whole conversation, also after --resume in a new process.
import { describe, expect, it } from 'vitest';
import type { UsageChunk } from '../../src/protocol/index.js';
import { createClaudeParser } from '../../src/backends/claude-parser.js';
import { addUsage, beginProcess, emptyUsage } from '../../src/usage/usage-totals.js';

function resultLine(costUsd: number): string {
  return JSON.stringify({
    type: 'result',
    subtype: 'success',
    is_error: false,
    result: 'ok',
    session_id: 's1',
    total_cost_usd: costUsd,
    usage: { input_tokens: 120, output_tokens: 25, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
  });
}

function usageOf(line: string): UsageChunk[] {
  return createClaudeParser()
    .parse(line)
    .filter((chunk): chunk is UsageChunk => chunk.kind === 'usage');
}

describe('claude parser usage scopes', () => {
  it('splits a result into turn-scoped tokens and a conversation-scoped cost', () => {
    expect(usageOf(resultLine(0.00196))).toEqual([
      { kind: 'usage', scope: 'turn', inputTokens: 120, outputTokens: 25, cacheReadTokens: 0, cacheWriteTokens: 0 },
      { kind: 'usage', scope: 'thread', costUsd: 0.00196 },
    ]);
  });

  it('adds up across a long-lived process and a resumed one without double counting', () => {
    let totals = emptyUsage();
    // Process 1, long-lived: two turns. Process 2 resumes the conversation: one turn.
    for (const [newProcess, cost] of [[true, 0.00098], [false, 0.00196], [true, 0.00294]] as const) {
      if (newProcess) totals = beginProcess(totals);
      for (const chunk of usageOf(resultLine(cost))) totals = addUsage(totals, chunk);
    }
    expect(totals.totals.inputTokens).toBe(360);
    expect(totals.totals.outputTokens).toBe(75);
    expect(totals.totals.costUsd).toBeCloseTo(0.00294, 10);
  });

  it('a result without a cost gives only the tokens', () => {
    const line = JSON.stringify({ type: 'result', is_error: false, usage: { input_tokens: 1, output_tokens: 2 } });
    expect(usageOf(line)).toEqual([{ kind: 'usage', scope: 'turn', inputTokens: 1, outputTokens: 2 }]);
  });
});
