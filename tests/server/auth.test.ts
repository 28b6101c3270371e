import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { guardRequest, allowedHostsFor, originAllowed } from '../../src/server/request-guard.js';
import { startTestServer, TestClient, wsUrl } from './test-server.js';

type Started = Awaited<ReturnType<typeof startTestServer>>;

/** The status line of a refused WebSocket upgrade. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

describe('request guard', () => {
  const ctx = { token: 'secret-token', port: 4780, allowedHosts: allowedHostsFor('127.0.0.1', 4780) };

  it('wants the token before anything else', () => {
    expect(guardRequest({ url: '/', headers: { host: '127.0.0.1:4780' } }, ctx)).toMatchObject({ ok: false, status: 401 });
    expect(guardRequest({ url: '/?token=wrong', headers: { host: '127.0.0.1:4780' } }, ctx)).toMatchObject({ ok: false, status: 401 });
    expect(guardRequest({ url: '/?token=secret-token', headers: { host: '127.0.0.1:4780' } }, ctx)).toMatchObject({ ok: true, tokenFrom: 'query' });
    expect(guardRequest({ url: '/', headers: { host: 'localhost:4780', cookie: 'a=b; troupe_token_4780=secret-token' } }, ctx)).toMatchObject({
      ok: true,
      tokenFrom: 'cookie',
    });
    // A cookie of another troupe on another port does not count.
    expect(guardRequest({ url: '/', headers: { host: 'localhost:4780', cookie: 'troupe_token_4781=secret-token' } }, ctx)).toMatchObject({ status: 401 });
  });

  it('refuses a Host that is not this server (DNS rebinding)', () => {
    const result = guardRequest({ url: '/?token=secret-token', headers: { host: 'evil.example:4780' } }, ctx);
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(guardRequest({ url: '/?token=secret-token', headers: { host: '127.0.0.1:9999' } }, ctx)).toMatchObject({ status: 403 });
    expect(guardRequest({ url: '/?token=secret-token', headers: {} }, ctx)).toMatchObject({ status: 403 });
  });

  it('accepts only its own origin on upgrades and state-changing requests', () => {
    expect(originAllowed('http://127.0.0.1:4780', ctx)).toBe(true);
    expect(originAllowed('http://localhost:4780', ctx)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4781', ctx)).toBe(false);
    expect(originAllowed('https://127.0.0.1:4780', ctx)).toBe(false);
    expect(originAllowed('http://evil.example', ctx)).toBe(false);
    expect(originAllowed('null', ctx)).toBe(false);
    const post = { method: 'POST', url: '/', headers: { host: '127.0.0.1:4780', origin: 'http://evil.example', authorization: 'Bearer secret-token' } };
    expect(guardRequest(post, ctx)).toMatchObject({ ok: false, status: 403 });
    // A GET from anywhere is only a read of static files, and still needs the token.
    expect(guardRequest({ ...post, method: 'GET' }, ctx)).toMatchObject({ ok: true });
  });
});

describe('dashboard server auth', () => {
  let started: Started;
  beforeAll(async () => {
    started = await startTestServer();
  });
  afterAll(async () => {
    await started.server.close();
  });

  it('answers 401 to a request without the token', async () => {
    const res = await fetch(started.server.origin + '/');
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('token');
    const asset = await fetch(started.server.origin + '/assets/app.js');
    expect(asset.status).toBe(401);
  });

  it('trades the token in the URL for an HttpOnly SameSite=Strict cookie, then serves with it', async () => {
    const res = await fetch(started.server.url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(started.server.origin + '/session/abc', { headers: { cookie: cookie.split(';')[0] as string } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('never serves files outside the UI folder', async () => {
    const headers = { authorization: `Bearer ${started.server.token}` };
    const res = await fetch(started.server.origin + '/assets/..%2f..%2f..%2fetc%2fpasswd', { headers });
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('root:');
  });

  it('refuses WebSocket upgrades without the token, from a foreign Origin, or for a foreign Host', async () => {
    const url = wsUrl(started.server.origin);
    const cookie = `troupe_token_${started.server.port}=${started.server.token}`;
    expect(await upgradeStatus(url, { Origin: started.server.origin })).toBe(401);
    expect(await upgradeStatus(url, { Origin: 'http://evil.example', Cookie: cookie })).toBe(403);
    expect(await upgradeStatus(url, { Origin: started.server.origin, Cookie: cookie, Host: `evil.example:${started.server.port}` })).toBe(403);
    expect(await upgradeStatus(url, { Origin: started.server.origin, Cookie: cookie })).toBe(101);
  });

  it('opens with hello and a snapshot for a same-origin client', async () => {
    const client = await TestClient.connect(wsUrl(started.server.origin), {
      Origin: started.server.origin,
      Cookie: `troupe_token_${started.server.port}=${started.server.token}`,
    });
    const hello = await client.waitFor((m) => m.type === 'hello');
    expect(hello).toMatchObject({ projectName: 'demo', defaultBackend: 'sim' });
    const snapshot = await client.waitFor((m) => m.type === 'snapshot');
    expect(snapshot).toMatchObject({ sessions: [], resync: false, tree: { count: 1 } });
    client.close();
  });
});
