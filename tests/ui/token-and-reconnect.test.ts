/**
 * The token in a real browser: no other server on the host can get it, a record too large to send
 * whole shows cut with its mark, and a tab outlives a troupe restart (same port, same kept token).
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, command, openBrowser, requireBuild, startTroupe, type RunningTroupe, STOP_TIMEOUT_MS } from './harness.js';

const WAIT = { timeout: 20_000 };
/** Agents run at nice 19: on a busy machine a turn takes long. */
const TURN = { timeout: 60_000 };
/** Every agent of this troupe writes one tool result line this large per turn: its log record is cut in the history. */
const HUGE_LINE = 300_000;
const env = { TROUPE_STATE_DIR: mkdtempSync(join(tmpdir(), 'troupe-state-')), TROUPE_SIM_HUGE_LINE_BYTES: String(HUGE_LINE), TROUPE_SIM_DELAY_MS: '0' };

let troupe: RunningTroupe;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const row = (p: Page, sessionId: string) => p.locator(`[data-testid="session-row"][data-session="${sessionId}"]`);

/** Another local dev server, as a user may have open beside troupe: it notes what it is sent. */
async function otherLocalServer(troupePort: number): Promise<{ server: Server; origin: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  // Its page tries what a script there would: troupe's WebSocket and API, with whatever the browser attaches.
  const html = `<!doctype html><title>other</title><script>
    const report = (what) => fetch('/report?' + encodeURIComponent(what));
    const ws = new WebSocket('ws://127.0.0.1:${troupePort}/ws', ['troupe']);
    let opened = false;
    ws.onopen = () => { opened = true; report('ws-open'); };
    ws.onclose = () => { if (!opened) report('ws-refused'); };
    fetch('http://127.0.0.1:${troupePort}/api/health', { credentials: 'include', mode: 'no-cors' }).finally(() => report('api-tried'));
  </script>`;
  const server = createServer((req, res) => {
    seen.push({ ...req.headers, ':path': req.url });
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(req.url === '/' ? html : '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('the dashboard token in a browser', () => {
  beforeAll(async () => {
    requireBuild();
    troupe = await startTroupe(['--no-autostart'], { env });
    ({ browser, context, page } = await openBrowser());
  }, 60_000);

  afterAll(async () => {
    await Promise.all([browser?.close(), troupe?.stop()]);
  }, STOP_TIMEOUT_MS);

  it('reaches no other server on the host: no cookie to leak, and a page there cannot open troupe', async () => {
    await page.goto(troupe.url);
    await expect.poll(() => page.getByTestId('connection').textContent(), WAIT).toBe('live');
    const other = await otherLocalServer(Number(new URL(troupe.origin).port));
    try {
      const visitor = await context.newPage();
      await visitor.goto(other.origin + '/');
      await expect.poll(() => other.seen.filter((h) => String(h[':path']).startsWith('/report')).length, WAIT).toBe(2);
      const reports = other.seen.map((h) => String(h[':path']));
      expect(reports).toContain('/report?ws-refused');
      expect(reports).not.toContain('/report?ws-open');
      // Nothing of troupe's went along to the other server: no cookie at all, the token nowhere.
      for (const headers of other.seen) {
        expect(headers.cookie).toBeUndefined();
        expect(JSON.stringify(headers)).not.toContain(troupe.token);
      }
      expect(await context.cookies()).toEqual([]);
      await visitor.close();
    } finally {
      other.server.close();
    }
    // The troupe tab is still live.
    expect(await page.getByTestId('connection').textContent()).toBe('live');
  });

  it('shows a record the history had to cut with its mark and full size', async () => {
    const reply = await command(troupe, { type: 'start', spec: { backend: 'sim', persona: 'specialist', beadId: 'shop-1.1', prompt: 'show the log' } });
    expect(reply.ok).toBe(true);
    const sessionId = (reply as { result: { sessionId: string } }).result.sessionId;
    await expect.poll(() => row(page, sessionId).getByTestId('session-status').textContent(), TURN).toBe('waiting for you');
    // Opened again after the turn: everything in the chat comes from the log (the live stream had it whole).
    await page.reload();
    await row(page, sessionId).click();
    const mark = page.getByTestId('chat-panel').getByTestId('truncated');
    await mark.first().waitFor(WAIT);
    expect(await mark.count()).toBe(1);
    expect(await mark.first().textContent()).toMatch(/^cut short \(29\d KB\)$/);
    await shot(page, 'truncated-record');
  }, 90_000);

  it('says troupe stopped with the controls disabled, and reconnects by itself when it is back on the same port', async () => {
    const port = new URL(troupe.origin).port;
    const newSession = page.getByTestId('new-session');
    expect(await newSession.isDisabled()).toBe(false);
    await troupe.stop();
    await expect.poll(() => page.getByTestId('connection').textContent(), WAIT).toBe('stopped — reconnecting…');
    expect(await page.getByTestId('connection-banner').textContent()).toContain('troupe stopped — reconnecting…');
    expect(await newSession.isDisabled()).toBe(true);
    expect(await page.getByTestId('composer-input').isDisabled()).toBe(true);
    // The list is still there, as it was: stale, not gone.
    expect(await page.getByTestId('session-row').count()).toBe(1);
    await shot(page, 'troupe-stopped');

    troupe = await startTroupe(['--port', port], { projectRoot: troupe.projectRoot, env });
    await expect.poll(() => page.getByTestId('connection').textContent(), WAIT).toBe('live');
    expect(await page.getByTestId('connection-banner').count()).toBe(0);
    expect(await newSession.isDisabled()).toBe(false);
    expect(page.url()).toBe(troupe.origin + '/');
  }, 60_000);
});
