/**
 * The dashboard at 1440, 1024 and 390 px in a real browser: nothing important cut off, the bead
 * tree a drawer below desktop widths (so a session can still be started on a bead), one pane at a
 * time on a phone, nothing wider than the screen. Screenshots: test-artifacts/ui/layout-*.png.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, dashboardPage, launchChromium, requireBuild, startSession, startTroupe, type RunningTroupe, STOP_TIMEOUT_MS } from './harness.js';

let troupe: RunningTroupe;
let browser: Browser;
const WAIT = { timeout: 20_000 };
const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `layout-${name}.png`) });
const row = (p: Page, id: string) => p.locator(`[data-testid="session-row"][data-session="${id}"]`);

const start = (beadId: string, persona: string, env: Record<string, string>) => startSession(troupe, { backend: 'sim', persona, beadId, env });

async function pageAt(width: number, height: number, phone = false): Promise<Page> {
  // Reduced motion: the drawer opens without sliding, so a screenshot shows where it ends up.
  const page = await dashboardPage(browser, troupe, { viewport: { width, height }, reducedMotion: 'reduce', ...(phone ? { isMobile: true, hasTouch: true } : {}) });
  await expect.poll(() => page.getByTestId('connection').textContent(), WAIT).toBe('live');
  return page;
}

/** Right edges wider than the window: what a phone would scroll sideways to see. */
const overflowing = (page: Page, selector: string) =>
  page.evaluate((sel) => [...document.querySelectorAll(sel)].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5).length, selector);

let streaming = '';
let waiting = '';

describe('the dashboard at three widths', () => {
  beforeAll(async () => {
    requireBuild();
    troupe = await startTroupe(['--no-autostart']);
    browser = await launchChromium();
    // One that streams a long answer with code blocks, two that finished their turn unseen.
    streaming = await start('shop-1.1', 'specialist', { TROUPE_SIM_CHUNKS: '400', TROUPE_SIM_DELAY_MS: '150', TROUPE_SIM_TOOLS: '1' });
    waiting = await start('shop-2.1', 'qa-engineer', { TROUPE_SIM_CHUNKS: '3' });
    await start('shop-6', 'product-manager', { TROUPE_SIM_CHUNKS: '3' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await troupe?.stop();
  }, STOP_TIMEOUT_MS);

  it('at 1440 px shows tree, list and chat, with the chat head’s cost and id and the titles beside "needs you" whole', async () => {
    const page = await pageAt(1440, 900);
    await row(page, streaming).click();
    await expect.poll(() => row(page, waiting).getByTestId('unread').count(), WAIT).toBe(1);
    await page.getByTestId('assistant-text').first().waitFor();
    for (const pane of ['wbs-tree', 'session-list', 'chat-panel']) expect(await page.getByTestId(pane).isVisible(), pane).toBe(true);
    // The part of the detail line that matters is never cut: status, cost and session id.
    const detail = await page.getByTestId('chat-detail').boundingBox();
    for (const testId of ['chat-status', 'chat-cost-id']) {
      const box = await page.getByTestId(testId).boundingBox();
      expect(box && detail && box.x + box.width <= detail.x + detail.width + 0.5, testId).toBe(true);
    }
    expect(await page.getByTestId('chat-cost-id').textContent()).toMatch(/^\$[\d.]+ · [0-9a-f]{8}$/);
    // A title beside the badge keeps its words: "Payment gateway client with retries".
    const title = row(page, waiting).locator('.session-title');
    await shot(page, '1440');
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.context().close();
  });

  it('at 1024 px keeps the tree as a drawer: open it, and start a session on a bead', async () => {
    const page = await pageAt(1024, 768);
    expect(await page.getByTestId('wbs-tree').isVisible()).toBe(false);
    expect(await page.getByTestId('chat-panel').isVisible()).toBe(true);
    await page.getByTestId('beads-toggle').click();
    const bead = page.locator('[data-testid="tree-node"][data-bead="shop-3.1"]');
    await bead.waitFor();
    await shot(page, '1024-beads');
    await bead.hover();
    await bead.getByTestId('start-on-bead').click();
    const dialog = page.getByTestId('start-dialog');
    await dialog.getByText('shop-3.1').waitFor();
    expect(await page.getByTestId('wbs-tree').isVisible()).toBe(false); // the drawer made room for the dialog
    await dialog.getByTestId('start-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('chat-panel').locator('.bead-id', { hasText: 'shop-3.1' }).waitFor();
    await shot(page, '1024');
    await page.context().close();
  });

  it('at 390 px shows one pane at a time, nothing wider than the screen', async () => {
    const page = await pageAt(390, 844, true);
    await row(page, streaming).waitFor();
    expect(await page.getByTestId('chat-panel').isVisible()).toBe(false);
    expect(await overflowing(page, '.chip, .session-row, .header, .list-search')).toBe(0);
    await shot(page, '390-list');
    await row(page, streaming).click();
    await page.getByTestId('chat-panel').waitFor();
    expect(await page.getByTestId('session-list').isVisible()).toBe(false);
    // The answer streams code blocks: they scroll inside the chat, the page does not.
    await expect.poll(() => page.locator('[data-testid="messages"] pre').count(), WAIT).toBeGreaterThan(0);
    expect(await overflowing(page, '[data-testid="messages"], [data-testid="messages"] pre, .chat-head, .composer')).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, '390-chat');
    await page.getByTestId('chat-back').click();
    await row(page, streaming).waitFor();
    await page.getByTestId('beads-toggle').click();
    const bead = page.locator('[data-testid="tree-node"][data-bead="shop-4.2"]');
    // No hover on a phone: the start button is there without it.
    expect(await bead.getByTestId('start-on-bead').isVisible()).toBe(true);
    expect(await overflowing(page, '[data-testid="tree-node"]')).toBe(0);
    await shot(page, '390-beads');
    await page.context().close();
  });
});
