/**
 * The screenshot in README.md: the demo as a newcomer first sees it, alive. Written to
 * test-artifacts/ui/readme-dashboard.png; `npm run screenshot` (TROUPE_README_SCREENSHOT=1) also
 * puts it in docs/dashboard.png, which the README shows.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AUTOSTART } from '../../src/demo/demo-beads.js';
import { ARTIFACTS, dashboardPage, launchChromium, REPO_ROOT, requireBuild, startTroupe, type RunningTroupe, STOP_TIMEOUT_MS } from './harness.js';

let troupe: RunningTroupe;
let browser: Browser;

describe('the README screenshot', () => {
  beforeAll(async () => {
    requireBuild();
    troupe = await startTroupe();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await troupe?.stop();
  }, STOP_TIMEOUT_MS);

  it('shows the demo streaming, with its sessions on their beads', async () => {
    const page = await dashboardPage(browser, troupe, { reducedMotion: 'reduce' });
    await expect.poll(() => page.getByTestId('session-row').count(), { timeout: 20_000 }).toBe(DEMO_AUTOSTART.length);
    await expect.poll(() => page.getByTestId('session-indicator').count(), { timeout: 20_000 }).toBe(DEMO_AUTOSTART.length);
    // A few paragraphs in: the chat has something to read.
    await expect.poll(async () => (await page.getByTestId('messages').textContent())?.length ?? 0, { timeout: 40_000 }).toBeGreaterThan(1200);
    const file = join(ARTIFACTS, 'readme-dashboard.png');
    await page.screenshot({ path: file });
    if (process.env.TROUPE_README_SCREENSHOT) {
      await mkdir(join(REPO_ROOT, 'docs'), { recursive: true });
      await copyFile(file, join(REPO_ROOT, 'docs', 'dashboard.png'));
    }
  }, 60_000);
});
