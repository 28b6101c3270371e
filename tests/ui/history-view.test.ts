/**
 * Past sessions after troupe restarted, in a real browser: the history lists every session in the
 * logs, finds one by the words of its chat, shows its transcript read-only, and Resume brings it
 * back to work; a pop-out of an old session shows its log instead of "gone".
 * Screenshots: test-artifacts/ui/history-*.png.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, dashboardPage, launchChromium, listedSessions, requireBuild, startSession, startTroupe, type RunningTroupe, STOP_TIMEOUT_MS } from './harness.js';

let troupe: RunningTroupe;
let browser: Browser;
let page: Page;
const WAIT = { timeout: 20_000 };
const pastRow = (id: string) => page.locator(`[data-testid="past-row"][data-session="${id}"]`);

async function startAndSettle(beadId: string, prompt: string): Promise<string> {
  const id = await startSession(troupe, { backend: 'sim', persona: 'specialist', beadId, prompt, env: { TROUPE_SIM_CHUNKS: '4' } });
  // Outside a test (in beforeAll): polled by hand, as long as a loaded machine needs.
  const status = async () => (await listedSessions(troupe)).find((s) => s.sessionId === id)?.status;
  for (let tries = 0; (await status()) !== 'idle'; tries += 1) {
    if (tries > 200) throw new Error(`session ${id} did not finish its turn`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return id;
}

describe('the history of past sessions', () => {
  let zebra = '';
  let other = '';

  beforeAll(async () => {
    requireBuild();
    const first = await startTroupe(['--no-autostart']);
    troupe = first;
    zebra = await startAndSettle('shop-3.2', 'Make the search box forgive zebra-stripes typos.');
    other = await startAndSettle('shop-1.3', 'Add the wallet buttons.');
    await first.stop();
    // troupe again on the same project: its list starts empty, the logs remain.
    troupe = await startTroupe(['--no-autostart'], { projectRoot: first.projectRoot });
    browser = await launchChromium();
    page = await dashboardPage(browser, troupe);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await troupe?.stop();
  }, STOP_TIMEOUT_MS);

  it('lists every session in the logs, newest first, with how each ended', async () => {
    await expect.poll(() => page.getByTestId('connection').textContent(), WAIT).toBe('live');
    expect(await page.getByTestId('session-row').count()).toBe(0);
    await page.getByTestId('view-history').click();
    await expect.poll(() => page.getByTestId('past-row').count(), WAIT).toBe(2);
    expect(await page.getByTestId('past-row').first().getAttribute('data-session')).toBe(other);
    expect(await pastRow(zebra).getAttribute('data-label')).toBe('finished');
    expect(await page.getByTestId('history-total').textContent()).toContain('2 in the logs');
  });

  it('finds a session by the words of its chat and shows its transcript read-only', async () => {
    await page.getByTestId('history-search').fill('zebra-stripes');
    await expect.poll(() => page.getByTestId('past-row').count(), WAIT).toBe(1);
    expect(await pastRow(zebra).locator('.past-excerpt').textContent()).toContain('zebra-stripes');
    await pastRow(zebra).click();
    const past = page.getByTestId('past-session');
    await expect.poll(() => past.getAttribute('data-session'), WAIT).toBe(zebra);
    await expect.poll(() => past.getByTestId('user-message').first().textContent(), WAIT).toContain('zebra-stripes');
    await past.getByTestId('turn-done').first().waitFor();
    expect(await past.locator('.read-only-mark').isVisible()).toBe(true);
    expect(await past.getByTestId('composer-input').count()).toBe(0); // nothing to send to: only Resume
    await page.screenshot({ path: join(ARTIFACTS, 'history-transcript.png') });
  });

  it('resumes it: listed again, its next turn runs in the same conversation', async () => {
    const past = page.getByTestId('past-session');
    await past.getByTestId('resume-message').fill('Now handle the plural forms too.');
    await past.getByTestId('resume').click();
    const chat = page.getByTestId('chat-panel');
    await expect.poll(() => chat.getAttribute('data-session'), WAIT).toBe(zebra);
    await expect.poll(() => page.locator(`[data-testid="session-row"][data-session="${zebra}"]`).count(), WAIT).toBe(1);
    await expect.poll(() => chat.getByTestId('user-message').last().textContent(), WAIT).toContain('plural forms');
    await expect.poll(() => chat.getByTestId('turn-done').count(), WAIT).toBe(2);
    // The first turn is still there above: the same log, appended to.
    expect(await chat.getByTestId('user-message').first().textContent()).toContain('zebra-stripes');
    await page.screenshot({ path: join(ARTIFACTS, 'history-resumed.png') });
  });

  it('shows an old session in a pop-out from its log, not as gone', async () => {
    const popup = await page.context().newPage();
    await popup.goto(`${troupe.origin}/session/${other}#token=${troupe.token}`);
    const past = popup.getByTestId('past-session');
    await expect.poll(() => past.getByTestId('user-message').first().textContent(), WAIT).toContain('wallet buttons');
    await expect.poll(() => past.getByTestId('past-label').textContent(), WAIT).toBe('finished');
    await popup.close();
  });
});
