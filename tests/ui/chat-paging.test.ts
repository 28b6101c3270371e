/**
 * Paging a long chat history in a real browser: the chat opens on the newest page of the log,
 * and scrolling to the top brings in older records above, page by page, until the first one.
 * The conversation is made by a simulated agent over many turns, then opened after it ended, so
 * everything on screen came from the log. Last, the place a user scrolled to holds while a live
 * stream grows below it.
 */
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../src/protocol/wire.js';
import { ChatStore } from '../../src/ui/state/chat-store.js';
import { ARTIFACTS, command, launchChromium, requireBuild, startTroupe, type RunningTroupe, STOP_TIMEOUT_MS } from './harness.js';

/** Polls wait on the page, never on a clock; this is only how long to keep looking. */
const WAIT = { timeout: 20_000 };
// A live stream on a loaded machine: the agent runs at nice 19 and yields to any other work.
const STREAM_WAIT = { timeout: 60_000 };
/** The dashboard's page size (HISTORY_PAGE in src/ui/state/dashboard-store.ts). */
const PAGE = 200;
const TURNS = 16;
/** Per turn: 12 text blocks with a tool call between each two, no pauses (42 log records, 25 chat items). */
const SIM_ENV = { TROUPE_SIM_CHUNKS: '12', TROUPE_SIM_TOOLS: '11', TROUPE_SIM_DELAY_MS: '0', TROUPE_SIM_SEED: 'paging' };

let troupe: RunningTroupe;
let browser: Browser;
let page: Page;
let sessionId = '';

interface SentHistory {
  before?: number;
}
interface PageProbe {
  __historySent: SentHistory[];
  __historyReplies: HistoryPage[];
}

/** Records, inside the page, every history request as it is sent and every history reply. */
function probeHistory(): void {
  const w = window as unknown as PageProbe;
  w.__historySent = [];
  w.__historyReplies = [];
  const historyIds = new Set<number>();
  const hooked = new WeakSet<WebSocket>();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
    if (!hooked.has(this)) {
      hooked.add(this);
      this.addEventListener('message', (event: MessageEvent) => {
        const message = JSON.parse(String(event.data)) as { type: string; id?: number; ok?: boolean; result?: HistoryPage };
        if (message.type === 'reply' && message.id !== undefined && historyIds.has(message.id) && message.result) {
          w.__historyReplies.push(message.result);
        }
      });
    }
    const out = typeof data === 'string' ? (JSON.parse(data) as { type: string; id: number; before?: number }) : null;
    if (out?.type === 'history') {
      historyIds.add(out.id);
      w.__historySent.push({ before: out.before });
    }
    return send.call(this, data);
  };
}

const sent = (p: Page) => p.evaluate(() => (window as unknown as PageProbe).__historySent);
const replies = (p: Page) => p.evaluate(() => (window as unknown as PageProbe).__historyReplies);

/** The keys of the chat items on screen, top to bottom. */
const shownKeys = (messages: Locator) =>
  messages.evaluate((el) => [...el.querySelectorAll(':scope > [data-key]')].map((node) => node.getAttribute('data-key') ?? ''));

/**
 * The whole conversation as the browser's chat model builds it from the log read in big pages:
 * what the paged view must add up to.
 */
async function referenceKeys(): Promise<{ keys: string[]; pages: number }> {
  const store = new ChatStore(sessionId);
  let before: number | undefined;
  for (;;) {
    const reply = await command(troupe, { type: 'history', sessionId, limit: 1000, ...(before !== undefined ? { before } : {}) });
    if (!reply.ok) throw new Error(`history failed: ${JSON.stringify(reply)}`);
    const historyPage = reply.result as HistoryPage;
    store.applyHistory(historyPage, before !== undefined);
    if (historyPage.nextBefore === undefined) break;
    before = historyPage.nextBefore;
  }
  const state = await firstValueFrom(store.state$.pipe(filter((s) => s.loaded && !s.hasOlder)));
  // How many pages the dashboard needs: count them with its page size.
  let pages = 0;
  before = undefined;
  for (;;) {
    const reply = await command(troupe, { type: 'history', sessionId, limit: PAGE, ...(before !== undefined ? { before } : {}) });
    pages += 1;
    if (!reply.ok) throw new Error(`history failed: ${JSON.stringify(reply)}`);
    const historyPage = reply.result as HistoryPage;
    if (historyPage.nextBefore === undefined) break;
    before = historyPage.nextBefore;
  }
  return { keys: state.items.map((item) => item.key), pages };
}

async function sessionInfo(): Promise<{ status: string; turns: number } | undefined> {
  const reply = await command(troupe, { type: 'list' });
  const sessions = (reply as { result: { sessions: { sessionId: string; status: string; turns: number }[] } }).result.sessions;
  return sessions.find((s) => s.sessionId === sessionId);
}

/**
 * Scrolls the chat to its very top and returns the item the user is then reading (the second one
 * on screen: the first may be completed from the older page) and where it sits in the viewport.
 * A wheel or touchpad sends scroll events in bursts, faster than the chat renders: a few more are
 * dispatched at once, as such a burst would deliver them.
 */
async function scrollToTop(messages: Locator): Promise<{ key: string; offset: number }> {
  return messages.evaluate((el) => {
    el.scrollTop = 0;
    const items = el.querySelectorAll(':scope > [data-key]');
    const anchor = items[1] ?? items[0];
    if (!anchor) throw new Error('no chat items');
    const offset = anchor.getBoundingClientRect().top - el.getBoundingClientRect().top;
    if (offset < 0 || offset > el.clientHeight) throw new Error(`the anchor is off screen (${offset})`);
    for (let i = 0; i < 3; i++) el.dispatchEvent(new Event('scroll'));
    return { key: anchor.getAttribute('data-key') ?? '', offset };
  });
}

/** Scrolls the chat to `top` (clamped) and resolves once its scroll event was handled. */
const scrollTo = (messages: Locator, top: number) =>
  messages.evaluate(async (el, wanted) => {
    const target = Math.max(0, Math.min(wanted, el.scrollHeight - el.clientHeight));
    if (Math.abs(el.scrollTop - target) < 1) return;
    const scrolled = new Promise((resolve) => el.addEventListener('scroll', resolve, { once: true }));
    el.scrollTop = target;
    await scrolled;
    // The chat's own handler ran in the same dispatch; let anything it queued run too.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }, top);

/** Where the item with this key sits in the chat's viewport. */
const offsetOf = (messages: Locator, key: string) =>
  messages.evaluate((el, k) => {
    const node = el.querySelector(`:scope > [data-key="${k}"]`);
    return node ? node.getBoundingClientRect().top - el.getBoundingClientRect().top : null;
  }, key);

/**
 * The keys must be one unbroken run of the reference, ending with its last item. The oldest one
 * shown may be cut by the page boundary: a tool's result whose call is on the older page (`tr`),
 * or the end of a text whose start is (`t`, keyed by its first chunk); the older page completes it.
 */
function expectTailOf(reference: string[], keys: string[]): void {
  expect(new Set(keys).size).toBe(keys.length);
  const tail = reference.slice(reference.length - keys.length);
  expect(keys.slice(1)).toEqual(tail.slice(1));
  if (keys[0] !== tail[0]) expect(keys[0]).toMatch(/^(tr|t)\d+$/);
}

describe('chat history paging in a browser', () => {
  beforeAll(async () => {
    requireBuild();
    troupe = await startTroupe(['--no-autostart']);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(probeHistory);
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await troupe?.stop();
  }, STOP_TIMEOUT_MS);

  it(`records a ${TURNS}-turn conversation with a simulated agent`, async () => {
    const reply = await command(troupe, {
      type: 'start',
      spec: { backend: 'sim', persona: 'specialist', beadId: 'shop-3.1', prompt: 'Paging turn 1', env: SIM_ENV },
    });
    expect(reply.ok).toBe(true);
    sessionId = (reply as { result: { sessionId: string } }).result.sessionId;
    for (let turn = 1; turn <= TURNS; turn++) {
      await expect.poll(sessionInfo, { timeout: 30_000 }).toMatchObject({ status: 'idle', turns: turn });
      if (turn < TURNS) expect((await command(troupe, { type: 'send', sessionId, message: `Paging turn ${turn + 1}` })).ok).toBe(true);
    }
  }, 180_000);

  it('opens on the newest page, pages older records in above on scroll, and stops at the first', async () => {
    const { keys: reference, pages } = await referenceKeys();
    // A conversation long enough for several pages and for the chat's render window.
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(reference.filter((key) => key.startsWith('e'))).toHaveLength(TURNS);

    await page.goto(troupe.url);
    await page.locator(`[data-testid="session-row"][data-session="${sessionId}"]`).click();
    const panel = page.getByTestId('chat-panel');
    await expect.poll(() => panel.getAttribute('data-session'), WAIT).toBe(sessionId);
    const messages = page.getByTestId('messages');

    // First view: the last turn's end at the bottom, and only the newest page asked for.
    await expect.poll(async () => (await shownKeys(messages)).at(-1), WAIT).toBe(reference.at(-1));
    expect(await sent(page)).toEqual([{}]);
    const first = await shownKeys(messages);
    expectTailOf(reference, first);
    expect(first.length).toBeLessThan(reference.length);
    const atBottom = await messages.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(atBottom).toBeLessThan(2);

    // Scroll to the top again and again: each time more comes in above, and what the user was
    // reading stays where it was.
    let shown = first;
    while (shown.length < reference.length) {
      const anchor = await scrollToTop(messages);
      const count = shown.length;
      await expect.poll(async () => (await shownKeys(messages)).length, WAIT).toBeGreaterThan(count);
      shown = await shownKeys(messages);
      expectTailOf(reference, shown);
      const offset = await offsetOf(messages, anchor.key);
      expect(offset).not.toBeNull();
      expect(Math.abs((offset ?? 0) - anchor.offset)).toBeLessThan(2);
    }
    expect(shown).toEqual(reference);

    // One request per page, each from where the last one ended, the last one reaching the start.
    const requests = await sent(page);
    await expect.poll(async () => (await replies(page)).length, WAIT).toBe(requests.length);
    const pagesRead = await replies(page);
    expect(requests).toHaveLength(pages);
    expect(requests.slice(1).map((r) => r.before)).toEqual(pagesRead.slice(0, -1).map((p) => p.nextBefore));
    expect(pagesRead.at(-1)?.nextBefore).toBeUndefined();
    await expect.poll(() => messages.locator('.older').count(), WAIT).toBe(0);
    expect(await page.getByTestId('tool-call').filter({ hasText: 'running…' }).count()).toBe(0);

    // At the first record, more scrolling to the top asks for nothing.
    for (let i = 0; i < 3; i++) {
      await scrollTo(messages, Number.MAX_SAFE_INTEGER);
      await scrollTo(messages, 0);
    }
    expect(await sent(page)).toHaveLength(pages);
    expect(await shownKeys(messages)).toEqual(reference);

    // Where the history starts, as the user sees it.
    expect(await messages.evaluate((el) => el.scrollTop)).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'paging-top.png') });
  }, 120_000);

  it('holds the message being read in place while the agent streams below it', async () => {
    // A turn long enough to outlast the test on any machine; stopped at the end.
    const reply = await command(troupe, {
      type: 'start',
      spec: { backend: 'sim', persona: 'qa-engineer', beadId: 'shop-3.2', env: { TROUPE_SIM_CHUNKS: '3000', TROUPE_SIM_TOOLS: '1000', TROUPE_SIM_DELAY_MS: '30' } },
    });
    expect(reply.ok).toBe(true);
    const live = (reply as { result: { sessionId: string } }).result.sessionId;
    await page.locator(`[data-testid="session-row"][data-session="${live}"]`).click();
    await expect.poll(() => page.getByTestId('chat-panel').getAttribute('data-session'), WAIT).toBe(live);
    const messages = page.getByTestId('messages');
    await expect.poll(async () => (await shownKeys(messages)).length, STREAM_WAIT).toBeGreaterThan(30);

    // Scrolled up to the middle: the item there stays put as the stream grows below.
    await scrollTo(messages, (await messages.evaluate((el) => el.scrollHeight - el.clientHeight)) / 2);
    const anchor = await messages.evaluate((el) => {
      const middle = el.getBoundingClientRect().top + el.clientHeight / 2;
      const node = [...el.querySelectorAll(':scope > [data-key]')].find((n) => n.getBoundingClientRect().bottom > middle);
      if (!node) throw new Error('no item in the middle');
      return { key: node.getAttribute('data-key') ?? '', offset: node.getBoundingClientRect().top - el.getBoundingClientRect().top };
    });
    const count = (await shownKeys(messages)).length;
    await expect.poll(async () => (await shownKeys(messages)).length, STREAM_WAIT).toBeGreaterThan(count + 10);
    const offset = await offsetOf(messages, anchor.key);
    expect(Math.abs((offset ?? Infinity) - anchor.offset)).toBeLessThan(2);

    // Back at the bottom, it follows the stream again.
    await scrollTo(messages, Number.MAX_SAFE_INTEGER);
    const atEnd = (await shownKeys(messages)).length;
    await expect.poll(async () => (await shownKeys(messages)).length, STREAM_WAIT).toBeGreaterThan(atEnd + 3);
    expect(await messages.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(2);
    await page.screenshot({ path: join(ARTIFACTS, 'paging-live.png') });
    expect((await command(troupe, { type: 'stop', sessionId: live })).ok).toBe(true);
  }, 4 * STREAM_WAIT.timeout);
});
