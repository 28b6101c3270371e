/**
 * Finding your way among many sessions in a real browser: search by bead, title, persona, status
 * and chat text; j/k and Enter; `/` and `?`; a selection made elsewhere scrolled into view; after a
 * terminate, the neighbour selected. Screenshot: test-artifacts/ui/finding-*.png.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, dashboardPage, launchChromium, requireBuild, startSession, startTroupe, type RunningTroupe } from './harness.js';

let troupe: RunningTroupe;
let browser: Browser;
let page: Page;
const WAIT = { timeout: 30_000 };
const BEADS = ['shop-1.1', 'shop-1.2', 'shop-1.3', 'shop-1.5', 'shop-2.1', 'shop-2.2', 'shop-2.4', 'shop-3.1', 'shop-3.2', 'shop-3.3', 'shop-4.2', 'shop-4.3', 'shop-5', 'shop-6'];
const PERSONAS = ['specialist', 'qa-engineer', 'product-manager'];
const COUNT = 30;
const rows = () => page.getByTestId('session-row');
const row = (id: string) => page.locator(`[data-testid="session-row"][data-session="${id}"]`);
const ids: string[] = [];

async function rowIds(): Promise<string[]> {
  return rows().evaluateAll((els) => els.map((el) => el.getAttribute('data-session') ?? ''));
}

describe('finding a session among many', () => {
  beforeAll(async () => {
    requireBuild();
    troupe = await startTroupe(['--no-autostart']);
    for (let i = 0; i < COUNT; i += 1) {
      const prompt = i === 7 ? 'Check the pomegranate discount rounding.' : `Task number ${i}.`;
      // No worktree each: this is about finding sessions, and 30 worktrees made one at a time took most of 120 s beside two CPU hogs.
      const spec = { backend: 'sim', persona: PERSONAS[i % 3], beadId: BEADS[i % BEADS.length], prompt, workspace: 'none', env: { TROUPE_SIM_CHUNKS: '2', TROUPE_SIM_DELAY_MS: '0', TROUPE_SIM_TOOLS: '0' } };
      ids.push(await startSession(troupe, spec));
    }
    browser = await launchChromium();
    page = await dashboardPage(browser, troupe);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await troupe?.stop();
  }, 120_000);

  it('searches by bead, title, persona, status and the text of the chat', async () => {
    await expect.poll(() => rows().count(), WAIT).toBe(COUNT);
    await expect.poll(() => page.locator('[data-testid="session-row"][data-status="idle"]').count(), WAIT).toBe(COUNT);
    const search = page.getByTestId('session-search');
    await search.fill('shop-3.3');
    await expect.poll(() => rows().count(), WAIT).toBe(2);
    await search.fill('facets'); // the title of shop-3.3
    await expect.poll(() => rows().count(), WAIT).toBe(2);
    await search.fill('qa-engineer');
    await expect.poll(() => rows().count(), WAIT).toBe(COUNT / 3);
    await search.fill('waiting for you');
    await expect.poll(() => rows().count(), WAIT).toBe(COUNT);
    // Words only the chat holds: the server finds them in the logs.
    await search.fill('pomegranate');
    await expect.poll(rowIds, WAIT).toEqual([ids[7]]);
    await page.screenshot({ path: join(ARTIFACTS, 'finding-search.png') });
    await search.fill('');
    await expect.poll(() => rows().count(), WAIT).toBe(COUNT);
    // Seven searches, one through 30 logs: beside two CPU hogs and the rest of the suite it took 21 s.
  }, 90_000);

  it('moves with j/k, opens with Enter, goes to the search with / and lists the keys with ?', async () => {
    await page.locator('body').click({ position: { x: 700, y: 880 } });
    await row(ids[COUNT - 1] as string).click();
    await expect.poll(() => page.getByTestId('chat-panel').getAttribute('data-session'), WAIT).toBe(ids[COUNT - 1]);
    await page.getByTestId('messages').click();
    const order = await rowIds();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    await expect.poll(() => page.locator('.session-row.cursor').getAttribute('data-session'), WAIT).toBe(order[2]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chat-panel').getAttribute('data-session'), WAIT).toBe(order[2]);
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('session-search');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await page.getByTestId('keyboard-help').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'finding-keys.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('keyboard-help').waitFor({ state: 'detached' });
  });

  it('scrolls a session picked on the tree into view in the list', async () => {
    const list = page.getByTestId('session-list');
    await list.evaluate((el) => (el.scrollTop = 0));
    // The oldest session is the last row, far below the fold; the specialist's mark on its bead selects it.
    const oldest = row(ids[0] as string);
    const inView = async () => {
      const [box, view] = [await oldest.boundingBox(), await list.boundingBox()];
      return Boolean(box && view && box.y >= view.y - 1 && box.y + box.height <= view.y + view.height + 1);
    };
    expect(await inView()).toBe(false);
    await page.locator(`[data-testid="tree-node"][data-bead="${BEADS[0]}"] [data-testid="session-indicator"][data-persona="specialist"]`).click();
    await expect.poll(() => oldest.getAttribute('aria-current'), WAIT).toBe('true');
    await expect.poll(inView, WAIT).toBe(true);
  });

  it('selects the neighbour in the list shown after terminating the active session', async () => {
    // Filtered to the QA engineer's sessions: the neighbour is the next one shown, not the next one started.
    await page.getByTestId('session-search').fill('qa-engineer');
    await expect.poll(() => rows().count(), WAIT).toBe(COUNT / 3);
    const order = await rowIds();
    const victim = order[2] as string;
    await row(victim).click();
    await expect.poll(() => page.getByTestId('chat-panel').getAttribute('data-session'), WAIT).toBe(victim);
    await row(victim).hover();
    await row(victim).getByTestId('terminate').click();
    await row(victim).getByTestId('confirm-terminate').click();
    await expect.poll(() => row(victim).count(), WAIT).toBe(0);
    await expect.poll(() => page.getByTestId('chat-panel').getAttribute('data-session'), WAIT).toBe(order[3]);
    expect(await page.locator('.session-row.active').getAttribute('data-session')).toBe(order[3]);
  });
});
