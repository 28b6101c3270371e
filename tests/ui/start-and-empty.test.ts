/**
 * A project without beads, in a real browser: no red error, but how to start a free session and
 * how to add beads; the start dialog's model picker and the simulated agent's bounded behaviour
 * (a crash that troupe restarts, a failing turn). Screenshots: test-artifacts/ui/empty-*.png.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, dashboardPage, launchChromium, listedSessions, requireBuild, startTroupe, type RunningTroupe, STOP_TIMEOUT_MS } from './harness.js';

let troupe: RunningTroupe;
let browser: Browser;
let page: Page;
const WAIT = { timeout: 25_000 };

const listed = () => listedSessions(troupe);

async function startFromDialog(setUp: (dialog: ReturnType<Page['getByTestId']>) => Promise<void>): Promise<string> {
  const before = new Set((await listed()).map((s) => s.sessionId));
  await page.getByTestId('new-session').click();
  const dialog = page.getByTestId('start-dialog');
  await dialog.getByTestId('sim-behaviour').waitFor();
  await setUp(dialog);
  await dialog.getByTestId('start-submit').click();
  await dialog.waitFor({ state: 'detached' });
  let id: string | undefined;
  await expect.poll(async () => (id = (await listed()).find((s) => !before.has(s.sessionId))?.sessionId), WAIT).toBeDefined();
  return id as string;
}

describe('a project without beads, and the start dialog', () => {
  beforeAll(async () => {
    requireBuild();
    troupe = await startTroupe([], { serveProject: mkdtempSync(join(tmpdir(), 'troupe-no-beads-')) });
    browser = await launchChromium();
    page = await dashboardPage(browser, troupe);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await troupe?.stop();
  }, STOP_TIMEOUT_MS);

  it('explains how to start a free session and how to add beads, with no error box', async () => {
    const tree = page.locator('section.tree-pane');
    await tree.getByTestId('no-beads').waitFor();
    expect(await tree.getByTestId('no-beads').textContent()).toMatch(/\+ New.*bd init.*bd create/s);
    expect(await tree.locator('.pane-warning').count()).toBe(0);
    expect(await page.getByTestId('empty-chat').textContent()).toContain('+ New session');
    await page.screenshot({ path: join(ARTIFACTS, 'empty-project.png') });
  });

  it('starts a simulated session with a model from the picker that crashes once and is restarted', async () => {
    const id = await startFromDialog(async (dialog) => {
      expect(await dialog.locator('#model-suggestions option').count()).toBeGreaterThan(0);
      await dialog.getByTestId('model-input').fill('claude-sim-opus');
      await dialog.getByTestId('sim-speed').selectOption('fast');
      await dialog.getByTestId('sim-crash').selectOption('once');
      await page.screenshot({ path: join(ARTIFACTS, 'empty-start-dialog.png') });
    });
    await expect.poll(async () => (await listed()).find((s) => s.sessionId === id), WAIT).toMatchObject({ status: 'idle', model: 'claude-sim-opus' });
    expect((await listed()).find((s) => s.sessionId === id)?.restarts).toBe(1);
    await expect.poll(() => page.getByTestId('chat-panel').getAttribute('data-session'), WAIT).toBe(id);
  }, 60_000);

  it('starts one whose turns fail like an API error, marked as a failed turn', async () => {
    const id = await startFromDialog((dialog) => dialog.getByTestId('sim-fail').check());
    const rowOf = page.locator(`[data-testid="session-row"][data-session="${id}"]`);
    await expect.poll(() => rowOf.getAttribute('data-tone'), WAIT).toBe('turn-failed');
    await page.getByTestId('turn-failed-note').waitFor();
  });
});
