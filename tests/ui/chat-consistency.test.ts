/**
 * The chat of a session is a fold of its events: live, after a reload, in a pop-out and after
 * switching away and back it shows the same items in the same order, with one marker per crash
 * and one per interrupt. Real troupe, real browser.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, command, launchChromium, requireBuild, startTroupe, type RunningTroupe, STOP_TIMEOUT_MS } from './harness.js';

let troupe: RunningTroupe;
let browser: Browser;
let page: Page;

// Only how long to keep looking: a loaded machine starts agents slowly.
const WAIT = { timeout: 60_000 };

/** The chat's items as rendered: each item's identity and kind, in order. */
async function renderedItems(p: Page): Promise<string[]> {
  await p.getByTestId('messages').waitFor();
  return p.locator('[data-testid="messages"] [data-key]').evaluateAll((nodes) =>
    nodes.map((node) => `${node.getAttribute('data-key')}:${node.getAttribute('data-testid') ?? node.className}`),
  );
}

async function status(sessionId: string): Promise<string | undefined> {
  const reply = await command(troupe, { type: 'list' });
  const sessions = (reply.ok ? (reply.result as { sessions: { sessionId: string; status: string }[] }).sessions : []) ?? [];
  return sessions.find((s) => s.sessionId === sessionId)?.status;
}

async function settledTo(sessionId: string, wanted: string): Promise<void> {
  await expect.poll(() => status(sessionId), WAIT).toBe(wanted);
}

describe('one chat, whichever way it is read', () => {
  beforeAll(async () => {
    requireBuild();
    troupe = await startTroupe(['--no-autostart', '--min-backoff-ms', '100', '--max-backoff-ms', '200']);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(troupe.url);
    await page.getByTestId('connection').filter({ hasText: 'live' }).waitFor(WAIT);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await troupe?.stop();
  }, STOP_TIMEOUT_MS);

  it('shows the same items live, after a reload, in a pop-out and after switching back', async () => {
    const started = Date.now();
    const reply = await command(troupe, {
      type: 'start',
      spec: {
        backend: 'sim',
        persona: 'specialist',
        beadId: 'shop-1.1',
        prompt: 'Consistency check',
        // Crashes once after two chunks, then behaves; slow enough to interrupt a turn.
        env: { TROUPE_SIM_CHUNKS: '12', TROUPE_SIM_DELAY_MS: '120', TROUPE_SIM_CRASH_AFTER: '2', TROUPE_SIM_CRASH_TIMES: '1' },
      },
    });
    expect(reply.ok).toBe(true);
    const sessionId = (reply.result as { sessionId: string }).sessionId;
    await page.locator(`[data-testid="session-row"][data-session="${sessionId}"]`).click();
    // The person's words show as soon as the session starts, before any reply.
    await page.getByTestId('user-message').first().waitFor(WAIT);
    const promptShownMs = Date.now() - started;
    console.log(`prompt bubble on screen ${promptShownMs} ms after the start command`);
    expect(await page.getByTestId('user-message').first().textContent()).toContain('Consistency check');

    await settledTo(sessionId, 'idle');
    expect((await command(troupe, { type: 'send', sessionId, message: 'Second turn, to be interrupted' })).ok).toBe(true);
    await expect.poll(async () => (await page.getByTestId('user-message').allTextContents()).some((t) => t.includes('to be interrupted')), WAIT).toBe(true);
    await expect.poll(() => page.getByTestId('assistant-text').count(), WAIT).toBeGreaterThan(3);
    expect((await command(troupe, { type: 'interrupt', sessionId })).ok).toBe(true);
    await settledTo(sessionId, 'idle');
    expect((await command(troupe, { type: 'stop', sessionId })).ok).toBe(true);
    await settledTo(sessionId, 'stopped');

    // Revived from the composer, with a message.
    await page.getByTestId('composer-input').fill('Back again');
    await page.getByTestId('revive').click();
    await expect.poll(async () => (await page.getByTestId('user-message').allTextContents()).some((t) => t.includes('Back again')), WAIT).toBe(true);
    await settledTo(sessionId, 'idle');
    await expect.poll(() => page.locator('[data-testid="turn-done"]').count(), WAIT).toBe(3);

    const live = await renderedItems(page);
    await page.screenshot({ path: join(ARTIFACTS, 'chat-consistency-live.png') });
    expect(live.filter((item) => item.includes('lifecycle')).length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="lifecycle"][data-event="crash"]').count()).toBe(1);
    expect(await page.locator('[data-testid="turn-done"][data-outcome="interrupted"]').count()).toBe(1);
    expect(await page.locator('[data-testid="lifecycle"][data-event="restarting"]').count()).toBe(0);

    await page.reload();
    await expect.poll(() => renderedItems(page), WAIT).toEqual(live);

    // The pop-out as a person opens it, from the chat's own button.
    const [popout] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('chat-popout').click()]);
    expect(new URL(popout.url()).pathname).toBe(`/session/${sessionId}`);
    await expect.poll(() => renderedItems(popout), WAIT).toEqual(live);
    await popout.close();

    const other = await command(troupe, { type: 'start', spec: { backend: 'sim', persona: 'qa-engineer', prompt: 'Another one', env: { TROUPE_SIM_CHUNKS: '2' } } });
    const otherId = (other.result as { sessionId: string }).sessionId;
    await page.locator(`[data-testid="session-row"][data-session="${otherId}"]`).click();
    await expect.poll(() => page.getByTestId('chat-panel').getAttribute('data-session'), WAIT).toBe(otherId);
    await page.locator(`[data-testid="session-row"][data-session="${sessionId}"]`).click();
    await expect.poll(() => renderedItems(page), WAIT).toEqual(live);
  }, 300_000);
});
