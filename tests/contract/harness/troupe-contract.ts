/**
 * The scenarios through the whole troupe path (Supervisor -> worker -> backend parser -> log)
 * that every real CLI must pass: a text turn and a resumed second turn, a real shell tool call,
 * an API error that fails the turn with the CLI's message, and a stream cut in the middle.
 */
import { describe, expect, it } from 'vitest';
import { CONTRACT_TEST_TIMEOUT_MS } from './timeouts.js';
import type { SequencedChunk } from '../../../src/protocol/index.js';
import { mentions } from '../mock-apis/mock-server.js';
import { reply } from '../mock-apis/script.js';
import { ofKind, textOf } from './backend-run.js';
import { PROOF_COMMAND, PROOF_OUTPUT, type CliDriver } from './cli-drivers.js';
import { logRecords, loggedChunks, loggedEventSeqs, replayed, settled, troupeFixtures } from './troupe-fixture.js';
import type { LogRecord } from '../../../src/logs/records.js';

const turnOf = (chunks: SequencedChunk[], turn: number) => chunks.filter((c) => c.turn === turn);

/** What the live stream delivered is exactly what the log holds, in order; the log's events have no gap. */
function expectLiveMatchesLog(live: SequencedChunk[], records: LogRecord[]): void {
  const seqs = loggedEventSeqs(records);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  expect(live.map((c) => [c.seq, c.kind])).toEqual(loggedChunks(records).map((c) => [c.seq, c.kind]));
}

export function describeTroupeContract(driver: CliDriver, options: { recoversFromCutStream: boolean }): void {
  describe(`${driver.cli} (real CLI) through supervisor, worker, parser and log`, { timeout: CONTRACT_TEST_TIMEOUT_MS }, () => {
    const fixture = troupeFixtures(driver);

    it('runs a text turn, then a second turn that resumes the same CLI session', async () => {
      const { supervisor, api, start } = await fixture([reply.text('Hello ', 'from the mock.'), reply.text('Second answer.')]);
      const { id, chunks } = await start('say hello');
      const first = await settled(supervisor, id);
      expect(first).toMatchObject({ status: 'idle', turns: 1, lastTurnOk: true, restarts: 0, backendId: driver.cli });
      expect(first.cliSessionId).toMatch(/^[0-9a-f-]{20,}$/);
      expect(textOf(turnOf(chunks, 1))).toBe('Hello from the mock.');
      expect(chunks.filter((c) => c.kind === 'done')).toMatchObject([{ ok: true, result: 'Hello from the mock.', turn: 1 }]);
      expect(mentions(api.turnRequests()[0]!, 'say hello')).toBe(true);

      await supervisor.send('second question', id);
      const second = await settled(supervisor, id);
      expect(second).toMatchObject({ status: 'idle', turns: 2, lastTurnOk: true, restarts: 0, cliSessionId: first.cliSessionId });
      expect(ofKind(turnOf(chunks, 2), 'session')[0]?.cliSessionId).toBe(first.cliSessionId);
      expect(textOf(turnOf(chunks, 2))).toBe('Second answer.');
      const resumed = api.turnRequests()[1]!;
      expect(mentions(resumed, 'say hello')).toBe(true);
      expect(mentions(resumed, 'Hello from the mock.')).toBe(true);
      expect(mentions(resumed, 'second question')).toBe(true);
      expect(second.totals.inputTokens).toBeGreaterThan(first.totals.inputTokens);

      await supervisor.stop(id);
      const records = await logRecords(second.logPath!);
      expect(records[0]).toMatchObject({ type: 'header', backend: driver.cli, sessionId: id });
      expect(records.filter((r) => r.type === 'user').map((r) => r.type === 'user' && r.turn)).toEqual([1, 2]);
      expect(records.filter((r) => r.type === 'turn-done').map((r) => r.type === 'turn-done' && r.turn)).toEqual([1, 2]);
      expect(records.filter((r) => r.type === 'spawn')).toHaveLength(2);
      expect(records.at(-1)).toMatchObject({ type: 'footer' });
      expectLiveMatchesLog(chunks, records);
      const rebuilt = await replayed(second.logPath!);
      expect(rebuilt).toMatchObject({ turns: 2, cliSessionId: first.cliSessionId, lastTurnOk: true, status: 'stopped' });
      expect(rebuilt.totals.inputTokens).toBe(second.totals.inputTokens);
      expect(rebuilt.totals.outputTokens).toBe(second.totals.outputTokens);
      expect(rebuilt.totals.costUsd).toBeCloseTo(second.totals.costUsd, 10);
    });

    it('runs a tool-use turn: the CLI really runs the shell command, chunks and log show call and result', async () => {
      const { supervisor, api, start } = await fixture([reply.shell(PROOF_COMMAND, 'Running it.'), reply.text('The command printed it.')]);
      const { id, chunks } = await start('run the command');
      const info = await settled(supervisor, id);
      expect(info).toMatchObject({ status: 'idle', lastTurnOk: true, restarts: 0 });
      const [use] = ofKind(chunks, 'tool_use');
      expect(use).toMatchObject({ name: driver.shellTool });
      expect(JSON.stringify(use?.input)).toContain('echo troupe-contract-ok');
      const [result] = ofKind(chunks, 'tool_result');
      expect(result).toMatchObject({ toolId: use?.toolId, isError: false });
      expect(result?.output).toContain(PROOF_OUTPUT);
      expect(mentions(api.turnRequests()[1]!, PROOF_OUTPUT)).toBe(true);
      expect(chunks.at(-1)).toMatchObject({ kind: 'done', ok: true, result: 'The command printed it.' });
      const records = await logRecords(info.logPath!);
      expect(ofKind(loggedChunks(records), 'tool_result')[0]?.output).toContain(PROOF_OUTPUT);
      expectLiveMatchesLog(chunks, records);
    });

    it("ends the turn as failed on an API error, with the CLI's message, and does not restart", async () => {
      const message = 'mock says: invalid API key';
      const { supervisor, api, start } = await fixture([reply.error(401, message)]);
      const { id, chunks } = await start('hello?');
      const info = await settled(supervisor, id);
      expect(info).toMatchObject({ status: 'idle', lastTurnOk: false, restarts: 0, turns: 1 });
      const done = ofKind(chunks, 'done');
      expect(done).toHaveLength(1);
      expect(done[0]?.ok).toBe(false);
      expect([done[0]?.result, ...(done[0]?.errors ?? [])].join(' ')).toContain(driver.errorText(401, message));
      expect(api.turnRequests()).toHaveLength(1);
      const records = await logRecords(info.logPath!);
      expect(records.filter((r) => r.type === 'turn-failed')).toHaveLength(1);
      expect(records.filter((r) => r.type === 'turn-done')).toEqual([]);
      expect(records.filter((r) => r.type === 'exit')).toMatchObject([{ abnormal: false }]);
      expect(await replayed(info.logPath!)).toMatchObject({ lastTurnOk: false, turns: 1 });
    });

    it('ends the turn cleanly when the API stream is cut in the middle', async () => {
      const { supervisor, api, start } = await fixture([reply.cut('Hello ', 'fro'), reply.text('Recovered.')]);
      const { id, chunks } = await start('hello?');
      const info = await settled(supervisor, id);
      expect(info).toMatchObject({ status: 'idle', restarts: 0, lastTurnOk: options.recoversFromCutStream });
      const done = ofKind(chunks, 'done');
      expect(done).toHaveLength(1);
      if (options.recoversFromCutStream) {
        expect(done[0]).toMatchObject({ ok: true, result: 'Recovered.' });
        expect(api.script.remaining).toBe(0);
      } else {
        expect(done[0]?.ok).toBe(false);
        expect(api.script.remaining).toBe(1);
      }
      const ends = (await logRecords(info.logPath!)).filter((r) => r.type === 'turn-done' || r.type === 'turn-failed').map((r) => r.type);
      expect(ends).toEqual([options.recoversFromCutStream ? 'turn-done' : 'turn-failed']);
    });
  });
}
