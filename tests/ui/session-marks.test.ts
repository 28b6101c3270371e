/**
 * Sessions that need a look wear their own mark in a real browser: a failed session and a failed
 * turn on their bead and in the list, counted the same way by the header and the chips; the
 * stderr tab counts its lines in words. Screenshot: test-artifacts/ui/marks.png.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, dashboardPage, launchChromium, requireBuild, startSession, startTroupe, type RunningTroupe, STOP_TIMEOUT_MS } from './harness.js';

let troupe: RunningTroupe;
let browser: Browser;
let page: Page;
const WAIT = { timeout: 20_000 };
const row = (id: string) => page.locator(`[data-testid="session-row"][data-session="${id}"]`);
const indicator = (beadId: string) => page.locator(`[data-testid="tree-node"][data-bead="${beadId}"] [data-testid="session-indicator"]`);

const start = (beadId: string, env: Record<string, string>) => startSession(troupe, { backend: 'sim', persona: 'specialist', beadId, env });

describe('marks of sessions that need a look', () => {
  let failed = '';
  let turnFailed = '';
  let noisy = '';

  beforeAll(async () => {
    requireBuild();
    // No restart allowed: a crash fails the session at once.
    troupe = await startTroupe(['--no-autostart', '--max-restarts', '0']);
    browser = await launchChromium();
    page = await dashboardPage(browser, troupe);
    noisy = await start('shop-3.1', { TROUPE_SIM_CHUNKS: '3', TROUPE_SIM_STDERR_NOISE: '1' });
    failed = await start('shop-1.2', { TROUPE_SIM_CHUNKS: '6', TROUPE_SIM_CRASH_AFTER: '1', TROUPE_SIM_CRASH_TIMES: '0' });
    turnFailed = await start('shop-2.4', { TROUPE_SIM_FAIL: '1' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await troupe?.stop();
  }, STOP_TIMEOUT_MS);

  it('keeps a failed session on its bead with a failed mark, and marks it in the list', async () => {
    await expect.poll(() => row(failed).getAttribute('data-status'), WAIT).toBe('failed');
    await expect.poll(() => indicator('shop-1.2').getAttribute('data-state'), WAIT).toBe('failed');
    expect(await indicator('shop-1.2').textContent()).toContain('✕');
    expect(await row(failed).getAttribute('data-tone')).toBe('failed');
  });

  it('marks a turn that failed on an API error in the list and on the tree, not as a normal wait', async () => {
    await expect.poll(() => row(turnFailed).getAttribute('data-tone'), WAIT).toBe('turn-failed');
    expect(await row(turnFailed).getByTestId('session-status').textContent()).toBe('turn failed');
    await expect.poll(() => indicator('shop-2.4').getAttribute('data-state'), WAIT).toBe('turn-failed');
    expect(await indicator('shop-2.4').textContent()).toContain('!');
    // A collapsed parent says something failed below it.
    await page.locator('[data-testid="tree-node"][data-bead="shop-2"] button.chev').click();
    await expect.poll(() => page.locator('[data-testid="tree-node"][data-bead="shop-2"] [data-testid="below-badge"]').getAttribute('class'), WAIT).toContain('failing');
    await page.locator('[data-testid="tree-node"][data-bead="shop-2"] button.chev').click();
  });

  it('counts them the same way in the header and the chips', async () => {
    await expect.poll(() => row(noisy).getAttribute('data-status'), WAIT).toBe('idle');
    expect(await page.getByTestId('stat-failed').textContent()).toBe('2');
    expect(await page.locator('.chip[data-filter="failed"] .chip-count').textContent()).toBe('2');
    const idle = await page.locator('.chip[data-filter="waiting"] .chip-count').textContent();
    expect(await page.getByTestId('stat-idle').textContent()).toBe(idle);
    expect(await page.locator('.chip[data-filter="running"] .chip-count').textContent()).toBe(await page.getByTestId('stat-running').textContent());
    expect(await page.locator('.chip[data-filter="waiting"]').textContent()).toContain('waiting for you');
    await page.screenshot({ path: join(ARTIFACTS, 'marks.png') });
  });

  it('says "1 line" of stderr, and shows it in its own tab', async () => {
    await row(noisy).click();
    await page.getByTestId('tab-stderr').click();
    await expect.poll(() => page.getByTestId('stderr-count').textContent(), WAIT).toBe('1 line on stderr');
    await page.getByTestId('tab-chat').click();
    await page.getByTestId('turn-done').first().waitFor();
  });
});
