/**
 * Turns that do not end by themselves, through the whole troupe path, for every real CLI: a reply
 * held open mid-stream that a person interrupts, and an API that accepts the request and then says
 * nothing, which the inactivity timeout must catch. Both must leave no agent process behind.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SequencedChunk } from '../../../src/protocol/index.js';
import { isAlive, MARK_VARIABLE, waitForNoMarkedProcesses } from '../../helpers/process-table.js';
import { mentions } from '../mock-apis/mock-server.js';
import { reply } from '../mock-apis/script.js';
import { ofKind } from './backend-run.js';
import type { CliDriver } from './cli-drivers.js';
import { CONTRACT_TEST_TIMEOUT_MS } from './timeouts.js';
import { logRecords, nextChunk, settled, troupeFixtures } from './troupe-fixture.js';

const turnOf = (chunks: SequencedChunk[], turn: number) => chunks.filter((c) => c.turn === turn);

export interface StalledTurnFacts {
  /**
   * The inactivity timeout of the hung-API scenario: short, to keep it cheap, but longer than the
   * CLI takes to print its first line on a quiet machine (troupe counts silence from the spawn).
   */
  silenceMs: number;
}

export function describeTroupeStalledTurns(driver: CliDriver, facts: StalledTurnFacts): void {
  describe(`${driver.cli} (real CLI) turns that stall, through supervisor, worker, parser and log`, { timeout: CONTRACT_TEST_TIMEOUT_MS }, () => {
    const fixture = troupeFixtures(driver);

    it('interrupts a reply held open mid-stream: the turn ends, no process is left, the next turn resumes', async () => {
      const { supervisor, api, settings, start } = await fixture([reply.hold('Half ', 'a reply.'), reply.text('Second answer.')]);
      const mark = randomUUID();
      const { id, chunks } = await start('first question', { env: { ...settings.env, [MARK_VARIABLE]: mark } });
      await nextChunk(supervisor, id, 'text');
      const pid = supervisor.get(id)?.pid;
      expect(pid).toBeGreaterThan(1);
      await supervisor.interrupt(id);
      const first = await settled(supervisor, id);
      expect(first).toMatchObject({ status: 'idle', turns: 1, lastTurnOk: false, reason: 'interrupted', restarts: 0 });
      expect(isAlive(pid!)).toBe(false);
      expect(await waitForNoMarkedProcesses(mark)).toEqual([]);

      await supervisor.send('second question', id);
      const second = await settled(supervisor, id);
      expect(second).toMatchObject({ status: 'idle', turns: 2, lastTurnOk: true, restarts: 0, cliSessionId: first.cliSessionId });
      expect(ofKind(turnOf(chunks, 2), 'session')[0]?.cliSessionId).toBe(first.cliSessionId);
      expect(ofKind(chunks, 'done').at(-1)).toMatchObject({ turn: 2, ok: true, result: 'Second answer.' });
      const resumed = api.turnRequests()[1]!;
      expect(mentions(resumed, 'first question'), 'the resumed request carries the first prompt').toBe(true);
      // Whether it also carries the interrupted text depends on the CLI and on timing (README).
      expect(mentions(resumed, 'second question'), 'the resumed request carries the new prompt').toBe(true);
      expect(await waitForNoMarkedProcesses(mark)).toEqual([]);

      const records = await logRecords(second.logPath!);
      expect(records.filter((r) => r.type === 'exit')).toMatchObject([
        { pid, abnormal: false, reason: 'interrupted' },
        { abnormal: false },
      ]);
      expect(records.filter((r) => r.type === 'turn-interrupted' || r.type === 'turn-done')).toMatchObject([
        { type: 'turn-interrupted', turn: 1 },
        { type: 'turn-done', turn: 2 },
      ]);
      expect(records.filter((r) => r.type === 'restart-scheduled')).toEqual([]);
    });

    it('kills an agent whose API hangs after the inactivity timeout, restarts it once, then fails the session as silent', async () => {
      // The first request gets not a byte, the restarted one a stream head and then nothing.
      const { supervisor, api, settings, start } = await fixture([reply.hang(), reply.hangAfterHeaders()]);
      const mark = randomUUID();
      const { id } = await start('hello?', {
        env: { ...settings.env, [MARK_VARIABLE]: mark },
        inactivityTimeoutMs: facts.silenceMs,
        restartPolicy: { maxRestarts: 1 },
      });
      const info = await settled(supervisor, id);
      const silent = `no output for ${facts.silenceMs} ms`;
      expect(info).toMatchObject({ status: 'failed', restarts: 1 });
      expect(info.reason).toContain('restart intensity exceeded');
      expect(info.reason).toContain(silent);
      expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
      expect(api.script.exhausted).toBe(0);

      await supervisor.stop(id); // waits for the worker to close the log; the session stays failed
      expect(supervisor.get(id)?.status).toBe('failed');
      const records = await logRecords(info.logPath!);
      const spawned = records.flatMap((r) => (r.type === 'spawn' ? [r.pid] : []));
      expect(spawned).toHaveLength(2);
      expect(records.filter((r) => r.type === 'exit')).toMatchObject(spawned.map((pid) => ({ pid, abnormal: true, reason: silent })));
      expect(records.filter((r) => r.type === 'restart-scheduled')).toMatchObject([{ attempt: 1, reason: silent }]);
      expect(records.filter((r) => r.type === 'turn-done')).toEqual([]);
      expect(records.at(-1)).toMatchObject({ type: 'footer', reason: 'failed', detail: expect.stringContaining(silent) });
    });
  });
}
