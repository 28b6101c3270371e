/**
 * The dashboard in a real browser against the real server: compiled troupe, real supervisor,
 * simulated agents. Screenshots go to test-artifacts/ui/.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, command, launchChromium, requireBuild, startTroupe, type RunningTroupe, STOP_TIMEOUT_MS } from './harness.js';

let troupe: RunningTroupe;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** Polls wait on the page, never on a clock; this is only how long to keep looking. */
const WAIT = { timeout: 15_000 };

const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const row = (p: Page, sessionId: string) => p.locator(`[data-testid="session-row"][data-session="${sessionId}"]`);
const treeNode = (p: Page, beadId: string) => p.locator(`[data-testid="tree-node"][data-bead="${beadId}"]`);

async function startFromTree(p: Page, beadId: string, personaLabel: string, prompt: string, screenshot?: string): Promise<void> {
  await treeNode(p, beadId).hover();
  await treeNode(p, beadId).getByTestId('start-on-bead').click();
  const dialog = p.getByTestId('start-dialog');
  await dialog.getByText(personaLabel, { exact: true }).click();
  await dialog.getByTestId('start-prompt').fill(prompt);
  // Backends that are not installed are offered disabled, with the reason.
  const sim = dialog.getByTestId('backend-select').locator('option[value="sim"]');
  expect(await sim.isDisabled()).toBe(false);
  if (screenshot) await shot(p, screenshot);
  await dialog.getByTestId('start-submit').click();
  await dialog.waitFor({ state: 'detached' });
}

/** The id of the session shown in the main chat panel once it is the given bead's. */
async function activeSessionOn(p: Page, beadId: string): Promise<string> {
  const panel = p.getByTestId('chat-panel');
  await panel.locator('.bead-id', { hasText: beadId }).first().waitFor();
  return (await panel.getAttribute('data-session')) ?? '';
}

describe('dashboard in a browser', () => {
  beforeAll(async () => {
    requireBuild();
    troupe = await startTroupe(['--no-autostart', '--min-backoff-ms', '1500', '--max-backoff-ms', '3000']);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await troupe?.stop();
  }, STOP_TIMEOUT_MS);

  it('says a visit without the token is refused, and opens with it', async () => {
    await page.goto(troupe.origin + '/');
    await expect.poll(() => page.getByTestId('connection').textContent(), WAIT).toBe('refused');
    expect(await page.getByTestId('connection-banner').textContent()).toContain('open the URL troupe printed');
    await page.goto(troupe.url);
    await expect.poll(() => page.getByTestId('connection').textContent(), WAIT).toBe('live');
    // The page keeps the token for this tab: the address bar no longer shows it, and no cookie holds it.
    expect(page.url()).toBe(troupe.origin + '/');
    expect(await context.cookies()).toEqual([]);
  });

  it('renders the demo beads as a tree with types, statuses and blocked marks', async () => {
    await treeNode(page, 'shop-1').waitFor();
    expect(await page.getByTestId('tree-node').count()).toBeGreaterThanOrEqual(15);
    await expect.poll(() => treeNode(page, 'shop-1.2').getByTestId('blocked-mark').count(), WAIT).toBe(1);
    expect(await treeNode(page, 'shop-1.4').getAttribute('class')).toContain('closed');
    await page.getByTestId('tree-filter').fill('payment');
    await expect.poll(() => page.getByTestId('tree-node').count(), WAIT).toBeLessThan(10);
    expect(await treeNode(page, 'shop-2.1').count()).toBe(1);
    await page.getByTestId('tree-filter').fill('');
    await shot(page, '01-tree');
  });

  let first = '';
  let second = '';
  let third = '';

  it('starts 3 sessions on two beads: indicators with the persona and a count badge', async () => {
    await startFromTree(page, 'shop-1.1', 'Specialist', 'Add inline validation to the address step.', '02-start-dialog');
    first = await activeSessionOn(page, 'shop-1.1');
    await startFromTree(page, 'shop-1.1', 'Specialist', 'Write the unit tests for the checkout form.');
    await expect.poll(async () => (await page.getByTestId('chat-panel').getAttribute('data-session')) !== first, WAIT).toBe(true);
    second = await activeSessionOn(page, 'shop-1.1');
    await startFromTree(page, 'shop-2.1', 'QA engineer', 'Check the retries against the acceptance criteria.');
    third = await activeSessionOn(page, 'shop-2.1');
    expect(new Set([first, second, third]).size).toBe(3);

    await expect.poll(() => page.getByTestId('session-row').count(), WAIT).toBe(3);
    const specialist = treeNode(page, 'shop-1.1').locator('[data-testid="session-indicator"][data-persona="specialist"]');
    await expect.poll(() => specialist.getByTestId('count-badge').textContent(), WAIT).toBe('2');
    const qa = treeNode(page, 'shop-2.1').locator('[data-testid="session-indicator"][data-persona="qa-engineer"]');
    await expect.poll(() => qa.count(), WAIT).toBe(1);
    expect(await qa.getByTestId('count-badge').count()).toBe(0);
    await shot(page, '03-three-sessions');
  });

  it('switches sessions and shows each one its own stream', async () => {
    for (const id of [first, third, second]) {
      await row(page, id).click();
      await expect.poll(() => page.getByTestId('chat-panel').getAttribute('data-session'), WAIT).toBe(id);
      // Each session's chat shows its own prompt and the agent's streamed reply.
      await page.getByTestId('assistant-text').first().waitFor();
      await page.getByTestId('turn-done').first().waitFor();
    }
    await row(page, first).click();
    await expect.poll(() => page.getByTestId('user-message').first().textContent(), WAIT).toContain('inline validation');
    await row(page, third).click();
    await expect.poll(() => page.getByTestId('user-message').first().textContent(), WAIT).toContain('retries');
    await shot(page, '04-switched');
  });

  it('sends a follow-up turn and shows it with the reply', async () => {
    await row(page, third).click();
    await expect.poll(() => row(page, third).getAttribute('data-status'), WAIT).toBe('idle');
    const input = page.getByTestId('composer-input');
    await input.fill('Now list the edge cases you did not cover.');
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('user-message').last().textContent(), WAIT).toContain('edge cases');
    await expect.poll(() => page.getByTestId('turn-done').count(), WAIT).toBe(2);
    await expect.poll(() => row(page, third).getAttribute('data-status'), WAIT).toBe('idle');
    await shot(page, '05-follow-up');
  });

  it('terminates a session with one click and a confirm', async () => {
    await row(page, second).hover();
    await row(page, second).getByTestId('terminate').click();
    await row(page, second).getByTestId('confirm-terminate').click();
    await expect.poll(() => row(page, second).count(), WAIT).toBe(0);
    await expect.poll(() => page.getByTestId('session-row').count(), WAIT).toBe(2);
    const specialist = treeNode(page, 'shop-1.1').locator('[data-testid="session-indicator"][data-persona="specialist"]');
    await expect.poll(() => specialist.getByTestId('count-badge').count(), WAIT).toBe(0);
  });

  it('opens a session in a pop-out window that streams on its own', async () => {
    // A long, slow stream, so the pop-out is watched while it grows.
    const reply = await command(troupe, {
      type: 'start',
      spec: { backend: 'sim', persona: 'specialist', beadId: 'shop-3.1', env: { TROUPE_SIM_CHUNKS: '60', TROUPE_SIM_DELAY_MS: '60' } },
    });
    expect(reply.ok).toBe(true);
    const streaming = (reply as { result: { sessionId: string } }).result.sessionId;
    await row(page, streaming).waitFor();
    const [popup] = await Promise.all([context.waitForEvent('page'), row(page, streaming).getByTestId('popout').click()]);
    await popup.waitForLoadState();
    expect(new URL(popup.url()).pathname).toBe(`/session/${streaming}`);
    await popup.getByTestId('assistant-text').first().waitFor();
    const messages = popup.getByTestId('messages');
    const before = (await messages.textContent())?.length ?? 0;
    await expect.poll(async () => (await messages.textContent())?.length ?? 0, WAIT).toBeGreaterThan(before + 100);
    expect(await popup.getByTestId('chat-status').textContent()).toMatch(/running|starting/);
    await shot(popup, '06-popout-streaming');
    // The main window did not move: the pop-out is independent of the active session.
    expect(await page.getByTestId('chat-panel').getAttribute('data-session')).toBe(third);
    await expect.poll(() => popup.getByTestId('chat-status').textContent(), { timeout: 20_000 }).toBe('waiting for you');
    await popup.close();
  });

  it('keeps its state across a reload', async () => {
    await row(page, first).click();
    await expect.poll(() => page.getByTestId('chat-panel').getAttribute('data-session'), WAIT).toBe(first);
    await page.reload();
    await expect.poll(() => page.getByTestId('session-row').count(), WAIT).toBe(3);
    await expect.poll(() => page.getByTestId('chat-panel').getAttribute('data-session'), WAIT).toBe(first);
    await expect.poll(() => page.getByTestId('user-message').first().textContent(), WAIT).toContain('inline validation');
    await page.getByTestId('turn-done').first().waitFor();
    await shot(page, '07-after-reload');
  });

  it('shows a crashed simulated agent as restarting, then running again', async () => {
    const reply = await command(troupe, {
      type: 'start',
      spec: {
        backend: 'sim',
        persona: 'qa-engineer',
        beadId: 'shop-4.2',
        env: { TROUPE_SIM_CHUNKS: '30', TROUPE_SIM_DELAY_MS: '40', TROUPE_SIM_CRASH_AFTER: '4', TROUPE_SIM_CRASH_TIMES: '1' },
      },
    });
    expect(reply.ok).toBe(true);
    const crashing = (reply as { result: { sessionId: string } }).result.sessionId;
    await row(page, crashing).click();
    await expect.poll(() => row(page, crashing).getAttribute('data-status'), { timeout: 20_000 }).toBe('restarting');
    await expect.poll(() => row(page, crashing).getByTestId('session-status').textContent(), WAIT).toContain('restarting');
    await shot(page, '08-restarting');
    await expect.poll(() => row(page, crashing).getAttribute('data-status'), { timeout: 20_000 }).toMatch(/running|idle/);
    await expect.poll(() => row(page, crashing).textContent(), WAIT).toContain('↻1');
    await expect.poll(() => row(page, crashing).getAttribute('data-status'), { timeout: 20_000 }).toBe('idle');
    await shot(page, '09-recovered');
  });

  it('marks a session that waits for the user in the list and the tree, and counts it in the title', async () => {
    // Started elsewhere and never looked at: when its turn ends it needs the user.
    const reply = await command(troupe, { type: 'start', spec: { backend: 'sim', persona: 'product-manager', beadId: 'shop-5' } });
    expect(reply.ok).toBe(true);
    const waiting = (reply as { result: { sessionId: string } }).result.sessionId;
    await expect.poll(() => row(page, waiting).getAttribute('data-status'), { timeout: 20_000 }).toBe('idle');
    await expect.poll(() => row(page, waiting).getByTestId('unread').count(), WAIT).toBe(1);
    await expect.poll(() => treeNode(page, 'shop-5').getAttribute('class'), WAIT).toContain('wants');
    await expect.poll(() => page.title(), WAIT).toMatch(/^\(\d+\) troupe/);
    const idleRows = await page.locator('[data-testid="session-row"][data-status="idle"]').count();
    expect(await page.getByTestId('stat-idle').textContent()).toBe(String(idleRows));
    await shot(page, '10-attention');
    // Looking at it clears the mark.
    await row(page, waiting).click();
    await expect.poll(() => row(page, waiting).getByTestId('unread').count(), WAIT).toBe(0);
  });
});
