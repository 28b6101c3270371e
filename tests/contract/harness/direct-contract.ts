/**
 * The scenarios every real CLI must pass when driven by its backend plugin directly: text, a
 * shell tool call that really runs, a resumed second turn, HTTP errors and a cut stream.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_TEST_TIMEOUT_MS } from './timeouts.js';
import { mentions, type MockApi } from '../mock-apis/mock-server.js';
import { reply, type MockReply } from '../mock-apis/script.js';
import { ofKind, runBackend, textOf, type BackendRun } from './backend-run.js';
import { PROOF_COMMAND, PROOF_OUTPUT, type CliDriver } from './cli-drivers.js';
import type { CliSettings } from './cli-settings.js';
import { makeSandbox, type Sandbox } from './throwaway-home.js';

export interface DirectFixture {
  api: MockApi;
  box: Sandbox;
  settings: CliSettings;
}

/** Registers cleanup with afterEach; returns a fixture factory for one driver. */
export function directFixtures(driver: CliDriver): (replies: MockReply[]) => Promise<DirectFixture> {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async (replies) => {
    const api = await driver.startApi(replies);
    const box = makeSandbox(driver.cli);
    cleanups.push(() => api.close(), () => box.remove());
    return { api, box, settings: driver.settings(api.url, box.home) };
  };
}

/** The process ended by itself within its wall-clock limit, each turn with exactly one done chunk, last. */
export function expectFinished(run: BackendRun, turns = 1): void {
  const stderr = `stderr: ${run.stderr.slice(-2000)}`;
  expect(run.timedOut, `wall-clock limit hit; ${stderr}`).toBe(false);
  expect(ofKind(run.chunks, 'done'), stderr).toHaveLength(turns);
  expect(run.chunks.at(-1)?.kind, stderr).toBe('done');
}

export function describeDirectContract(driver: CliDriver, options: { recoversFromCutStream: boolean }): void {
  describe(`${driver.cli} (real CLI, backend argv + parser) against its mock API`, { timeout: CONTRACT_TEST_TIMEOUT_MS }, () => {
    const fixture = directFixtures(driver);

    it('streams a text turn', async () => {
      const { api, box, settings } = await fixture([reply.text('Hello ', 'from the mock.')]);
      const run = await runBackend(driver.cli, settings, { prompt: 'say hello', mode: 'new', cwd: box.cwd });
      expectFinished(run);
      expect(run.exitCode).toBe(0);
      expect(ofKind(run.chunks, 'session')[0]?.cliSessionId).toMatch(/^[0-9a-f-]{20,}$/);
      expect(textOf(run.chunks)).toBe('Hello from the mock.');
      expect(run.chunks.at(-1)).toMatchObject({ kind: 'done', ok: true, result: 'Hello from the mock.' });
      expect(api.turnRequests()).toHaveLength(1);
      expect(mentions(api.turnRequests()[0]!, 'say hello')).toBe(true);
      expect(api.routeErrors).toEqual([]);
    });

    it('runs a shell tool call for real and sends its output back to the API', async () => {
      const { api, box, settings } = await fixture([reply.shell(PROOF_COMMAND, 'Running it.'), reply.text('The command printed it.')]);
      const run = await runBackend(driver.cli, settings, { prompt: 'run the command', mode: 'new', cwd: box.cwd });
      expectFinished(run);
      const [use] = ofKind(run.chunks, 'tool_use');
      expect(use).toMatchObject({ name: driver.shellTool });
      expect(JSON.stringify(use?.input)).toContain('echo troupe-contract-ok');
      const [result] = ofKind(run.chunks, 'tool_result');
      expect(result).toMatchObject({ toolId: use?.toolId, isError: false });
      expect(result?.output).toContain(PROOF_OUTPUT);
      expect(api.turnRequests()).toHaveLength(2);
      expect(mentions(api.turnRequests()[1]!, PROOF_OUTPUT)).toBe(true);
      expect(run.chunks.at(-1)).toMatchObject({ kind: 'done', ok: true, result: 'The command printed it.' });
    });

    it('resumes the same CLI session in a second process; the API sees the first turn', async () => {
      const { api, box, settings } = await fixture([reply.text('First answer.'), reply.text('Second answer.')]);
      const first = await runBackend(driver.cli, settings, { prompt: 'first question', mode: 'new', cwd: box.cwd });
      expectFinished(first);
      const cliSessionId = ofKind(first.chunks, 'session')[0]?.cliSessionId;
      expect(cliSessionId).toBeDefined();
      const second = await runBackend(driver.cli, settings, { prompt: 'second question', mode: 'resume', cliSessionId, cwd: box.cwd });
      expectFinished(second);
      expect(ofKind(second.chunks, 'session')[0]?.cliSessionId).toBe(cliSessionId);
      expect(second.chunks.at(-1)).toMatchObject({ kind: 'done', ok: true, result: 'Second answer.' });
      const request = api.turnRequests()[1]!;
      expect(mentions(request, 'first question')).toBe(true);
      expect(mentions(request, 'First answer.')).toBe(true);
      expect(mentions(request, 'second question')).toBe(true);
    });

    for (const [status, message] of [
      [401, 'mock says: invalid API key'],
      [429, 'mock says: rate limited'],
      [500, 'mock says: internal failure'],
    ] as const) {
      it(`ends the turn as failed on HTTP ${status}, with the CLI's message, without retrying`, async () => {
        const { api, box, settings } = await fixture([reply.error(status, message)]);
        const run = await runBackend(driver.cli, settings, { prompt: 'hello?', mode: 'new', cwd: box.cwd });
        expectFinished(run);
        expect(run.exitCode).not.toBe(0);
        const done = run.chunks.at(-1);
        expect(done).toMatchObject({ kind: 'done', ok: false });
        const said = done?.kind === 'done' ? [done.result ?? '', ...(done.errors ?? [])].join(' ') : '';
        expect(said.trim()).not.toBe('');
        const expected = driver.errorText(status, message);
        if (expected) expect(said).toContain(expected);
        expect(api.turnRequests()).toHaveLength(1);
      });
    }

    it('ends the turn cleanly when the stream is cut in the middle', async () => {
      const { api, box, settings } = await fixture([reply.cut('Hello ', 'fro'), reply.text('Recovered.')]);
      const run = await runBackend(driver.cli, settings, { prompt: 'hello?', mode: 'new', cwd: box.cwd });
      expectFinished(run);
      if (options.recoversFromCutStream) {
        expect(run.chunks.at(-1)).toMatchObject({ kind: 'done', ok: true, result: 'Recovered.' });
        expect(api.script.remaining).toBe(0);
      } else {
        expect(run.chunks.at(-1)).toMatchObject({ kind: 'done', ok: false });
        expect(run.exitCode).not.toBe(0);
        expect(api.script.remaining).toBe(1);
      }
    });
  });
}
