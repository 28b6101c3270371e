// Claude Code's own modes, real binary against the mock Messages API, through the claude backend:
// partial messages (text never counted twice), the long-lived stream-json input mode, and how its
// usage figures add up across turns and processes.
import { describe, expect, it } from 'vitest';
import { CONTRACT_TEST_TIMEOUT_MS } from '../harness/timeouts.js';
import type { AgentChunk } from '../../../src/protocol/index.js';
import { addUsage, beginProcess, emptyUsage } from '../../../src/usage/usage-totals.js';
import { mentions } from '../mock-apis/mock-server.js';
import { reply } from '../mock-apis/script.js';
import { ofKind, runBackend, textOf } from '../harness/backend-run.js';
import { DRIVERS } from '../harness/cli-drivers.js';
import { directFixtures, expectFinished } from '../harness/direct-contract.js';

const PARTIAL = '--include-partial-messages';

/** Adds usage chunks the way the supervisor does: a new process starts a new running total. */
function totalsOf(processes: AgentChunk[][]) {
  let usage = emptyUsage();
  for (const chunks of processes) {
    usage = beginProcess(usage);
    for (const chunk of ofKind(chunks, 'usage')) usage = addUsage(usage, chunk);
  }
  return usage.totals;
}

/** Claude's own figure for the session so far: total_cost_usd of the last result line. */
function lastReportedCost(lines: string[]): number {
  const results = lines.map((line) => JSON.parse(line) as { type?: string; total_cost_usd?: number }).filter((e) => e.type === 'result');
  return results.at(-1)?.total_cost_usd ?? Number.NaN;
}

describe('claude (real CLI) modes', { timeout: CONTRACT_TEST_TIMEOUT_MS }, () => {
  const fixture = directFixtures(DRIVERS.claude);

  it('with partial messages streams deltas and never counts the text twice', async () => {
    const { box, settings } = await fixture([reply.shell(`echo one`, 'Let me check. '), reply.text('All ', 'done ', 'here.')]);
    const run = await runBackend('claude', { ...settings, extraArgs: [...settings.extraArgs, PARTIAL] }, { prompt: 'go', mode: 'new', cwd: box.cwd });
    expectFinished(run);
    expect(run.lines.some((line) => line.includes('"stream_event"'))).toBe(true);
    const texts = ofKind(run.chunks, 'text');
    expect(texts.filter((t) => t.delta).length).toBeGreaterThanOrEqual(4);
    expect(textOf(run.chunks)).toBe('Let me check. All done here.');
    expect(run.chunks.at(-1)).toMatchObject({ kind: 'done', ok: true, result: 'All done here.' });
  });

  it('with partial messages, text of a stream that broke off is flagged, and only the retried reply remains', async () => {
    const { api, box, settings } = await fixture([reply.cut('Hello ', 'fro'), reply.text('Recovered.')]);
    const run = await runBackend('claude', { ...settings, extraArgs: [...settings.extraArgs, PARTIAL] }, { prompt: 'hi', mode: 'new', cwd: box.cwd });
    expectFinished(run);
    // The retry is a non-streaming request, so the final text arrives whole.
    expect(api.turnRequests().map((r) => (r.body as { stream?: boolean }).stream)).toEqual([true, false]);
    expect(run.chunks.at(-1)).toMatchObject({ kind: 'done', ok: true, result: 'Recovered.' });
    // Whether Claude got to stream the deltas before the break varies from run to run; when it
    // did, exactly that text is flagged, and what remains is the recovered reply alone.
    const cut = run.chunks.findIndex((c) => c.kind === 'notice' && c.code === 'text_abandoned');
    const before = textOf(run.chunks.slice(0, Math.max(cut, 0)));
    const after = textOf(run.chunks.slice(cut + 1));
    expect(after).toBe('Recovered.');
    if (cut === -1) {
      expect(textOf(run.chunks)).toBe('Recovered.');
    } else {
      expect(before).toBe('Hello fro');
      expect(run.chunks[cut]).toMatchObject({ level: 'warning' });
      expect((run.chunks[cut] as { message: string }).message).toContain(JSON.stringify(before));
    }
  });

  it('runs two turns in one long-lived stream-json process', async () => {
    const { api, box, settings } = await fixture([reply.text('One.'), reply.text('Two.')]);
    const run = await runBackend('claude', settings, { prompt: '', mode: 'long-lived', cwd: box.cwd }, ['first turn', 'second turn']);
    expectFinished(run, 2);
    expect(run.exitCode).toBe(0);
    const sessions = ofKind(run.chunks, 'session').map((s) => s.cliSessionId);
    expect(new Set(sessions).size).toBe(1);
    expect(ofKind(run.chunks, 'done').map((d) => [d.ok, d.result])).toEqual([[true, 'One.'], [true, 'Two.']]);
    expect(mentions(api.turnRequests()[1]!, 'first turn')).toBe(true);
    expect(mentions(api.turnRequests()[1]!, 'One.')).toBe(true);
  });

  it('usage adds up across turns of one process and across resumed processes', async () => {
    const { box, settings } = await fixture([reply.text('a'), reply.text('b'), reply.text('c')]);
    const longLived = await runBackend('claude', settings, { prompt: '', mode: 'long-lived', cwd: box.cwd }, ['one', 'two']);
    expectFinished(longLived, 2);
    const cliSessionId = ofKind(longLived.chunks, 'session')[0]?.cliSessionId;
    const resumed = await runBackend('claude', settings, { prompt: 'three', mode: 'resume', cliSessionId, cwd: box.cwd });
    expectFinished(resumed);
    // Three API calls, each reporting 120 input and 25 output tokens (the mock's figures).
    const totals = totalsOf([longLived.chunks, resumed.chunks]);
    expect(totals.inputTokens).toBe(360);
    expect(totals.outputTokens).toBe(75);
    // Claude's total_cost_usd is the running total of the whole conversation, resumes included.
    expect(totals.costUsd).toBeCloseTo(lastReportedCost(resumed.lines), 10);
  });
});
