/**
 * Approvals in a real browser against the real server: simulated agents on the control protocol
 * ask before their tool calls; a person answers from the chat's card, from the queue, by keyboard,
 * from two tabs. Also measures how long a request takes to show and an answer to reach the agent.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent, SessionInfo } from '../../src/protocol/index.js';
import { spreadOf } from '../../src/stress/percentiles.js';
import { ARTIFACTS, command, launchChromium, requireBuild, startTroupe, type RunningTroupe, STOP_TIMEOUT_MS } from './harness.js';

let troupe: RunningTroupe;
let browser: Browser;
let tabs: { context: BrowserContext; page: Page }[] = [];

/** How long to keep looking on a loaded machine (agents start at nice 19); never a clock the test waits on. */
const WAIT = { timeout: 60_000 };

const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const row = (p: Page, sessionId: string) => p.locator(`[data-testid="session-row"][data-session="${sessionId}"]`);
const pendingCard = (p: Page) => p.getByTestId('chat-panel').locator('[data-testid="permission-card"][data-state="pending"]');
const cardState = (p: Page, requestId: string) => p.locator(`[data-testid="permission-card"][data-request="${requestId}"]`).first().getAttribute('data-state');

async function sessions(): Promise<SessionInfo[]> {
  const reply = await command(troupe, { type: 'list' });
  return (reply as { result: { sessions: SessionInfo[] } }).result.sessions;
}

async function session(id: string): Promise<SessionInfo | undefined> {
  return (await sessions()).find((s) => s.sessionId === id);
}

/** A simulated agent on the control protocol whose first tool calls ask first. */
async function startAsking(beadId: string, knobs: Record<string, string>): Promise<string> {
  const reply = await command(troupe, {
    type: 'start',
    spec: { backend: 'sim', persona: 'specialist', beadId, prompt: 'Make the change, then run the tests.', longLived: true, env: { TROUPE_SIM_DELAY_MS: '0', TROUPE_SIM_CHUNKS: '2', TROUPE_SIM_TOOLS: '0', ...knobs } },
  });
  expect(reply.ok).toBe(true);
  return (reply as { result: { sessionId: string } }).result.sessionId;
}

async function pendingIds(id: string, count: number): Promise<string[]> {
  await expect.poll(async () => (await session(id))?.pendingPermissions?.length ?? 0, WAIT).toBe(count);
  return ((await session(id))?.pendingPermissions ?? []).map((r) => r.requestId);
}

async function logEvents(info: SessionInfo): Promise<SessionEvent[]> {
  const lines = (await readFile(info.logPath!, 'utf8')).trim().split('\n');
  return lines.map((line) => JSON.parse(line) as SessionEvent & { type: string }).filter((r) => r.type !== 'header' && r.type !== 'footer');
}

async function open(p: Page, id: string): Promise<void> {
  await row(p, id).click();
  await p.getByTestId('chat-panel').and(p.locator(`[data-session="${id}"]`)).waitFor();
}

describe('approvals in a browser', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    requireBuild();
    troupe = await startTroupe(['--no-autostart']);
    // This project's specialists ask before every action (a project file may set that; never bypass).
    const dir = join(troupe.projectRoot, '.bp6', 'personas', 'specialist');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'persona.json'), JSON.stringify({ permissions: { mode: 'ask' } }));
    browser = await launchChromium();
    for (let i = 0; i < 2; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(troupe.url);
      tabs.push({ context, page });
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await troupe?.stop();
    tabs = [];
  }, STOP_TIMEOUT_MS);

  it('approve from the card: badges in the list, the tree and the title while it waits; the agent then runs its tool', async () => {
    const { page } = tabs[0]!;
    const id = await startAsking('shop-1.1', { TROUPE_SIM_PERMISSION_REQUESTS: '1' });
    const [requestId] = await pendingIds(id, 1);
    await row(page, id).getByTestId('approve-badge').waitFor(WAIT);
    expect(await row(page, id).getByTestId('approve-badge').textContent()).toBe('needs you · approve');
    await expect.poll(() => page.locator('[data-testid="tree-node"][data-bead="shop-1.1"]').getByTestId('tree-approve-badge').count(), WAIT).toBe(1);
    await expect.poll(() => page.title(), WAIT).toMatch(/^\(\d+\) troupe/);
    await page.locator('[data-filter="approval"]').click();
    await expect.poll(() => page.getByTestId('session-row').count(), WAIT).toBe(1);
    await page.locator('[data-filter="all"]').click();
    await open(page, id);
    const card = pendingCard(page);
    await card.waitFor(WAIT);
    expect(await card.locator('.permission-summary').textContent()).toBe('npm test');
    await shot(page, 'approval-card');
    await card.getByTestId('permission-allow').click();
    await expect.poll(() => cardState(page, requestId!), WAIT).toBe('allow-person');
    await expect.poll(async () => (await session(id))?.status, WAIT).toBe('idle');
    // The page learns of the tool's result by its own feed, which may come after the server's answer above.
    const tool = page.getByTestId('tool-call').filter({ hasText: 'npm test' });
    await expect.poll(() => tool.locator('.tool-state').textContent(), WAIT).toBe('done');
    const resolved = (await logEvents((await session(id))!)).filter((e) => e.type === 'permission-resolved');
    expect(resolved).toMatchObject([{ requestId, decision: 'allow', by: 'person' }]);
  });

  it('keyboard: d denies and a allows the focused card', async () => {
    const { page } = tabs[0]!;
    const id = await startAsking('shop-1.3', { TROUPE_SIM_PERMISSION_REQUESTS: '2' });
    await open(page, id);
    const first = pendingCard(page);
    await first.waitFor(WAIT);
    const firstId = (await first.getAttribute('data-request'))!;
    await first.focus();
    await page.keyboard.press('d');
    await expect.poll(() => cardState(page, firstId), WAIT).toBe('deny-person');
    const second = pendingCard(page);
    await second.waitFor(WAIT);
    const secondId = (await second.getAttribute('data-request'))!;
    await second.focus();
    await page.keyboard.press('a');
    await expect.poll(() => cardState(page, secondId), WAIT).toBe('allow-person');
    await expect.poll(async () => (await session(id))?.status, WAIT).toBe('idle');
    const tools = page.getByTestId('tool-call');
    expect(await tools.locator('.tool-state').allTextContents()).toEqual(['error', 'done']);
  });

  it('deny from the queue: every pending request across sessions, oldest first, answered in a row', async () => {
    const { page } = tabs[0]!;
    const older = await startAsking('shop-2.2', { TROUPE_SIM_PERMISSION_REQUESTS: '1' });
    await pendingIds(older, 1);
    const newer = await startAsking('shop-2.4', { TROUPE_SIM_PERMISSION_REQUESTS: '1' });
    await pendingIds(newer, 1);
    await page.getByTestId('approval-queue-toggle').click();
    const queue = page.getByTestId('approval-queue');
    await expect.poll(() => queue.getByTestId('approval-item').count(), WAIT).toBe(2);
    expect(await queue.getByTestId('approval-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-session')))).toEqual([older, newer]);
    await shot(page, 'approval-queue');
    await queue.getByTestId('approval-item').first().getByTestId('permission-deny').click();
    await expect.poll(() => queue.getByTestId('approval-item').count(), WAIT).toBe(1);
    // The focus moved to the next request: the key answers it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), WAIT).toBe('permission-card');
    await page.keyboard.press('a');
    await expect.poll(() => queue.getByTestId('approval-item').count(), WAIT).toBe(0);
    await expect.poll(async () => [(await session(older))?.status, (await session(newer))?.status], WAIT).toEqual(['idle', 'idle']);
    const decisions = async (id: string) => (await logEvents((await session(id))!)).flatMap((e) => (e.type === 'permission-resolved' ? [`${e.decision}:${e.by}`] : []));
    expect(await decisions(older)).toEqual(['deny:person']);
    expect(await decisions(newer)).toEqual(['allow:person']);
    await page.getByTestId('approval-queue-toggle').click();
  });

  it('answers a question with one of its options', async () => {
    const { page } = tabs[0]!;
    const id = await startAsking('shop-3.1', { TROUPE_SIM_ASK_QUESTION: '1' });
    await open(page, id);
    const card = pendingCard(page);
    await card.waitFor(WAIT);
    expect(await card.getByTestId('question-option').allTextContents()).toEqual([expect.stringMatching(/^Small change/), expect.stringMatching(/^Refactor/)]);
    const requestId = (await card.getAttribute('data-request'))!;
    await shot(page, 'approval-question');
    await card.getByTestId('question-option').filter({ hasText: 'Refactor' }).click();
    await expect.poll(() => cardState(page, requestId), WAIT).toBe('allow-person');
    await expect.poll(async () => (await session(id))?.status, WAIT).toBe('idle');
    const events = await logEvents((await session(id))!);
    expect(events.filter((e) => e.type === 'permission-resolved')).toMatchObject([{ answers: { 'Which approach should I take?': 'Refactor' } }]);
    const toolResult = events.find((e) => e.type === 'chunk' && e.chunk.kind === 'tool_result');
    expect(toolResult).toMatchObject({ chunk: { output: expect.stringContaining('="Refactor"') } });
  });

  it('two tabs: the first answer wins, the second is told ALREADY_ANSWERED; a reload keeps a pending request', async () => {
    const [a, b] = [tabs[0]!.page, tabs[1]!.page];
    const id = await startAsking('shop-3.2', { TROUPE_SIM_PERMISSION_REQUESTS: '1' });
    const [requestId] = await pendingIds(id, 1);
    await open(a, id);
    await open(b, id);
    await pendingCard(b).waitFor(WAIT);
    // Pending requests are in the snapshot and the log: a reload shows the card and the badge again.
    await b.reload();
    await open(b, id);
    await pendingCard(b).waitFor(WAIT);
    await row(b, id).getByTestId('approve-badge').waitFor(WAIT);
    await pendingCard(a).getByTestId('permission-allow').click();
    await expect.poll(() => cardState(b, requestId!), WAIT).toBe('allow-person');
    const late = await command(troupe, { type: 'answer-permission', sessionId: id, requestId, decision: 'deny' });
    expect(late).toMatchObject({ ok: false, error: { code: 'ALREADY_ANSWERED' } });
    const stale = await command(troupe, { type: 'answer-permission', sessionId: id, requestId: 'no-such-request', decision: 'allow' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } });
    await expect.poll(async () => (await session(id))?.status, WAIT).toBe('idle');
    expect((await logEvents((await session(id))!)).filter((e) => e.type === 'permission-resolved')).toHaveLength(1);
  });

  it('measures: request to card on screen, click to the agent receiving the answer (printed, not asserted)', async () => {
    const { page } = tabs[0]!;
    const rounds = 20;
    const id = await startAsking('shop-3.3', { TROUPE_SIM_PERMISSION_REQUESTS: String(rounds) });
    await open(page, id);
    // When each pending card is first painted: inserted, then the next animation frame.
    await page.evaluate(() => {
      const shown: Record<string, number> = {};
      (window as unknown as { __shown: Record<string, number> }).__shown = shown;
      new MutationObserver(() => {
        for (const card of document.querySelectorAll('[data-testid="permission-card"][data-state="pending"]')) {
          const rid = card.getAttribute('data-request') ?? '';
          if (rid in shown) continue;
          shown[rid] = 0;
          requestAnimationFrame(() => (shown[rid] = performance.timeOrigin + performance.now()));
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    });
    const clicked: Record<string, number> = {};
    for (let round = 0; round < rounds; round += 1) {
      const card = pendingCard(page);
      await card.waitFor(WAIT);
      const requestId = (await card.getAttribute('data-request'))!;
      clicked[requestId] = await card.getByTestId('permission-allow').evaluate((button) => {
        const at = performance.timeOrigin + performance.now();
        (button as HTMLButtonElement).click();
        return at;
      });
      await expect.poll(() => cardState(page, requestId), WAIT).toBe('allow-person');
    }
    await expect.poll(async () => (await session(id))?.status, WAIT).toBe('idle');
    const shown = await page.evaluate(() => (window as unknown as { __shown: Record<string, number> }).__shown);
    const events = await logEvents((await session(id))!);
    const requests = events.flatMap((e) => (e.type === 'permission-requested' ? [e.request] : []));
    const results = new Map(events.flatMap((e) => (e.type === 'chunk' && e.chunk.kind === 'tool_result' && e.emittedAt !== undefined ? [[e.chunk.toolId, e.emittedAt] as const] : [])));
    const toCard = requests.map((r) => shown[r.requestId]! - r.emittedAt!);
    const toAgent = requests.map((r) => results.get(r.toolUseId!)! - clicked[r.requestId]!);
    expect(requests).toHaveLength(rounds);
    expect(toCard.every(Number.isFinite) && toAgent.every(Number.isFinite)).toBe(true);
    const fmt = (s: ReturnType<typeof spreadOf>) => `p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (n=${s.samples})`;
    console.log(`approval latency: the agent's request -> the card on screen: ${fmt(spreadOf(toCard))}`);
    console.log(`approval latency: the click -> the agent receiving the answer: ${fmt(spreadOf(toAgent))}`);
  });
});
