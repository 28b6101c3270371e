// Claude Code's own modes through the whole troupe path: partial messages (no text counted
// twice) and the long-lived `--input-format stream-json` mode (two turns, one process).
import { describe, expect, it } from 'vitest';
import { CONTRACT_TEST_TIMEOUT_MS } from '../harness/timeouts.js';
import { mentions } from '../mock-apis/mock-server.js';
import { reply } from '../mock-apis/script.js';
import { ofKind, textOf } from '../harness/backend-run.js';
import { DRIVERS } from '../harness/cli-drivers.js';
import { logRecords, loggedChunks, replayed, settled, troupeFixtures } from '../harness/troupe-fixture.js';

describe('claude (real CLI) modes through the whole troupe path', { timeout: CONTRACT_TEST_TIMEOUT_MS }, () => {
  const fixture = troupeFixtures(DRIVERS.claude);

  it('with partial messages, streams deltas live and counts no text twice', async () => {
    const { supervisor, settings, start } = await fixture([reply.shell('echo one', 'Let me check. '), reply.text('All ', 'done ', 'here.')]);
    const { id, chunks } = await start('go', { extraArgs: [...settings.extraArgs, '--include-partial-messages'] });
    const info = await settled(supervisor, id);
    expect(info).toMatchObject({ status: 'idle', lastTurnOk: true, restarts: 0 });
    expect(ofKind(chunks, 'text').filter((c) => c.delta).length).toBeGreaterThanOrEqual(4);
    expect(textOf(chunks)).toBe('Let me check. All done here.');
    expect(ofKind(chunks, 'done')).toMatchObject([{ ok: true, result: 'All done here.' }]);
    expect(textOf(loggedChunks(await logRecords(info.logPath!)))).toBe('Let me check. All done here.');
  });

  it('runs two turns in one long-lived stream-json process, and its usage adds up', async () => {
    const { supervisor, api, start } = await fixture([reply.text('One.'), reply.text('Two.')]);
    const { id, chunks } = await start('first turn', { longLived: true });
    const first = await settled(supervisor, id);
    expect(first).toMatchObject({ status: 'idle', turns: 1, lastTurnOk: true });
    await supervisor.send('second turn', id);
    const second = await settled(supervisor, id);
    expect(second).toMatchObject({ status: 'idle', turns: 2, lastTurnOk: true, restarts: 0, cliSessionId: first.cliSessionId });
    expect(ofKind(chunks, 'done').map((d) => [d.turn, d.ok, d.result])).toEqual([[1, true, 'One.'], [2, true, 'Two.']]);
    expect(mentions(api.turnRequests()[1]!, 'first turn')).toBe(true);
    expect(mentions(api.turnRequests()[1]!, 'One.')).toBe(true);
    // Two API calls of 120 input and 25 output tokens each; the cost is Claude's own running total.
    expect(second.totals).toMatchObject({ inputTokens: 240, outputTokens: 50 });
    const lastCost = ofKind(chunks, 'usage').filter((u) => u.costUsd !== undefined).at(-1)?.costUsd;
    expect(second.totals.costUsd).toBeCloseTo(lastCost ?? Number.NaN, 10);

    await supervisor.stop(id);
    const records = await logRecords(second.logPath!);
    expect(records.filter((r) => r.type === 'spawn')).toHaveLength(1);
    expect(records.filter((r) => r.type === 'turn-done').map((r) => r.type === 'turn-done' && r.turn)).toEqual([1, 2]);
    const rebuilt = await replayed(second.logPath!);
    expect(rebuilt).toMatchObject({ turns: 2, status: 'stopped', totals: { inputTokens: 240, outputTokens: 50 } });
    expect(rebuilt.totals.costUsd).toBeCloseTo(second.totals.costUsd, 10);
  });
});
