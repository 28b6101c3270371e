/**
 * The Changes tab in a real browser: a simulated session edits files in its worktree (and a test
 * writes a thousand-line file there too); the tab lists the files with counts, renders the diff,
 * and commit then merge from the dashboard lands the work in the demo's main branch.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branches, gitIn, statusOf, worktreePaths } from '../helpers/git-project.js';
import { ARTIFACTS, command, openBrowser, requireBuild, startTroupe, type RunningTroupe, STOP_TIMEOUT_MS } from './harness.js';

let troupe: RunningTroupe;
let browser: Browser;
let page: Page;
/** Only how long to keep looking: a loaded machine (other test runs) can take this long. */
const WAIT = { timeout: 60_000 };

const THOUSAND_LINES = Array.from({ length: 1000 }, (_, i) => `export const value${i} = ${i} * 2; // line ${i + 1} of a generated table`).join('\n') + '\n';

describe('the Changes tab', () => {
  beforeAll(async () => {
    requireBuild();
    troupe = await startTroupe(['--no-autostart']);
    ({ browser, page } = await openBrowser());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await troupe?.stop();
  }, STOP_TIMEOUT_MS);

  it('lists the files, renders a thousand-line diff, and commit then merge land it in main', { timeout: 240_000 }, async () => {
    const env = { TROUPE_SIM_EDIT_FILES: '1', TROUPE_SIM_CHUNKS: '2', TROUPE_SIM_TOOLS: '0', TROUPE_SIM_DELAY_MS: '0' };
    const started = await command(troupe, { type: 'start', spec: { backend: 'sim', persona: 'specialist', beadId: 'shop-1.1', prompt: 'inline validation', env } });
    if (!started.ok) throw new Error(started.error.message);
    const sessionId = (started.result as { sessionId: string }).sessionId;
    const worktree = join(troupe.projectRoot, '.bp6', 'worktrees', sessionId);

    await page.goto(troupe.url);
    const row = page.locator(`[data-testid="session-row"][data-session="${sessionId}"]`);
    await row.locator('[data-testid="session-status"]', { hasText: 'waiting for you' }).waitFor(WAIT);
    // The worker's counts reach the list and the tree (rolled up on the epic above the bead).
    await expect.poll(() => row.getByTestId('changes-badge').textContent(), WAIT).toMatch(/^\+5 −0$/);
    await expect.poll(() => page.locator('[data-testid="tree-node"][data-bead="shop-1"]').getByTestId('changes-badge').textContent(), WAIT).toBe('+5 −0');

    await writeFile(join(worktree, 'src', 'table.ts'), THOUSAND_LINES);
    await row.click();
    await page.getByTestId('tab-changes').click();
    const panel = page.getByTestId('changes-panel');
    await expect.poll(() => panel.getByTestId('changed-file').count(), WAIT).toBe(2);
    // The agent names its file after the bead's title (its first turn's topic).
    expect(await panel.getByTestId('changed-file').allTextContents()).toEqual(['Unotes/single-page-checkout-form-1.md+5 −0', 'Usrc/table.ts+1000 −0']);
    const table = panel.locator('[data-testid="diff-file"][data-path="src/table.ts"]');
    await expect.poll(() => table.locator('td.diff-code-insert').count(), WAIT).toBe(1000);
    // Highlighted as TypeScript.
    expect(await table.locator('.token.keyword').count()).toBeGreaterThan(900);
    expect(await panel.getByTestId('merge-button').isDisabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'changes-tab.png') });

    await panel.getByTestId('commit-button').click();
    const message = panel.getByTestId('commit-form').locator('textarea');
    expect(await message.inputValue()).toMatch(/^shop-1\.1: inline validation/);
    await message.fill('shop-1.1: inline validation and a table');
    await panel.getByTestId('commit-confirm').click();
    await expect.poll(() => panel.getByTestId('merge-button').isDisabled(), WAIT).toBe(false);
    await panel.getByRole('button', { name: 'split' }).click();
    await page.screenshot({ path: join(ARTIFACTS, 'changes-tab-split.png') });
    await panel.getByTestId('merge-button').click();
    await panel.getByText('Its workspace was merged').waitFor(WAIT);

    const root = troupe.projectRoot;
    expect(await gitIn(root, 'log', '-1', '--format=%s')).toBe('shop-1.1: inline validation and a table');
    expect(await readFile(join(root, 'src', 'table.ts'), 'utf8')).toBe(THOUSAND_LINES);
    expect(await statusOf(root)).toBe('');
    expect(await worktreePaths(root)).toEqual([root]);
    expect(await branches(root)).toEqual(['main']);
    expect(existsSync(worktree)).toBe(false);
    await expect.poll(() => row.getByTestId('changes-badge').textContent(), WAIT).toBe('merged');
  });

  it('discard shows what will be lost before it removes the worktree and the branch', { timeout: 180_000 }, async () => {
    const env = { TROUPE_SIM_EDIT_FILES: '2', TROUPE_SIM_CHUNKS: '2', TROUPE_SIM_TOOLS: '0', TROUPE_SIM_DELAY_MS: '0' };
    const started = await command(troupe, { type: 'start', spec: { backend: 'sim', persona: 'specialist', beadId: 'shop-6', prompt: 'try an idea', env } });
    if (!started.ok) throw new Error(started.error.message);
    const sessionId = (started.result as { sessionId: string }).sessionId;
    await page.goto(troupe.url);
    const row = page.locator(`[data-testid="session-row"][data-session="${sessionId}"]`);
    await row.locator('[data-testid="session-status"]', { hasText: 'waiting for you' }).waitFor(WAIT);
    await row.click();
    await page.getByTestId('tab-changes').click();
    const panel = page.getByTestId('changes-panel');
    await expect.poll(() => panel.getByTestId('changed-file').count(), WAIT).toBe(2);
    await panel.getByTestId('discard-button').click();
    const confirm = panel.getByTestId('discard-confirm');
    expect(await confirm.locator('li').allTextContents()).toEqual(['notes/product-images-load-slowly-on-mobile-1.md', 'notes/product-images-load-slowly-on-mobile-2.md']);
    expect(await confirm.textContent()).toContain('0 commits and the changes to 2 file(s)');
    await confirm.getByTestId('discard-confirm-button').click();
    await panel.getByText('Its workspace was discarded').waitFor(WAIT);
    expect(existsSync(join(troupe.projectRoot, '.bp6', 'worktrees', sessionId))).toBe(false);
    expect((await branches(troupe.projectRoot)).filter((b) => b.includes(sessionId.slice(0, 8)))).toEqual([]);
  });
});
