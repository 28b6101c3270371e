// The real Claude Code under `troupe demo` in a browser: it writes a file only after a person
// allowed it from the dashboard's card.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../../src/protocol/session.js';
import { command, launchChromium, requireBuild, startTroupe, type RunningTroupe } from '../../ui/harness.js';
import { DRIVERS } from '../harness/cli-drivers.js';
import { makeSandbox } from '../harness/throwaway-home.js';
import { CONTRACT_TEST_TIMEOUT_MS, PROCESS_WALL_CLOCK_MS } from '../harness/timeouts.js';
import { reply } from '../mock-apis/script.js';

const WAIT = { timeout: PROCESS_WALL_CLOCK_MS };
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('claude (real CLI) through the dashboard', { timeout: CONTRACT_TEST_TIMEOUT_MS }, () => {
  it('writes a file only after a person allowed it on the card', async () => {
    requireBuild();
    const api = await DRIVERS.claude.startApi([reply.write('notes.md', 'Allowed by a person.\n'), reply.text('Written.')]);
    const box = makeSandbox('claude-dashboard');
    cleanups.push(() => api.close(), () => box.remove());
    const settings = DRIVERS.claude.settings(api.url, box.home);
    // The agent gets troupe's own environment: the mock API, the throwaway HOME, the pinned CLI on PATH.
    const troupe: RunningTroupe = await startTroupe(['--no-autostart'], { env: settings.env });
    cleanups.push(() => troupe.stop());
    // This project's specialists ask before every change (by default they may edit without asking).
    const personaDir = join(troupe.projectRoot, '.bp6', 'personas', 'specialist');
    await mkdir(personaDir, { recursive: true });
    await writeFile(join(personaDir, 'persona.json'), JSON.stringify({ permissions: { mode: 'ask' } }));
    const browser: Browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(troupe.url);

    const started = await command(troupe, { type: 'start', spec: { backend: 'claude', persona: 'specialist', prompt: 'Write the notes file.', model: settings.model } });
    expect(started.ok, JSON.stringify(started)).toBe(true);
    const id = (started as { result: { sessionId: string } }).result.sessionId;
    await page.locator(`[data-testid="session-row"][data-session="${id}"]`).click();
    const card = page.getByTestId('chat-panel').locator('[data-testid="permission-card"][data-state="pending"]');
    await card.waitFor(WAIT).catch(async (e) => {
      const info = ((await command(troupe, { type: 'list' })) as { result: { sessions: SessionInfo[] } }).result.sessions[0];
      console.log('INFO', JSON.stringify(info));
      if (info?.logPath) console.log('LOG', readFileSync(info.logPath, 'utf8').slice(0, 3000));
      console.log('OUT', troupe.output().slice(-2000));
      throw e;
    });
    expect(await card.locator('.permission-tool').textContent()).toBe('Write');
    expect(await card.locator('.permission-preview').textContent()).toBe('+ Allowed by a person.\n+ ');
    const file = join(troupe.projectRoot, 'notes.md');
    expect(existsSync(file)).toBe(false);
    await card.getByTestId('permission-allow').click();
    const list = async () => ((await command(troupe, { type: 'list' })) as { result: { sessions: SessionInfo[] } }).result.sessions.find((s) => s.sessionId === id);
    await expect.poll(async () => (await list())?.status, WAIT).toBe('idle');
    expect(await list()).toMatchObject({ lastTurn: 'done', backendId: 'claude' });
    expect(readFileSync(file, 'utf8')).toBe('Allowed by a person.\n');
  });
});
