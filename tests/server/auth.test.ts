import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { wsProtocols } from '../../src/protocol/wire.js';
import { guardRequest, allowedHostsFor, originAllowed } from '../../src/server/request-guard.js';
import { startTestServer, TestClient, wsUrl } from './test-server.js';

type Started = Awaited<ReturnType<typeof startTestServer>>;

/** The status line of a WebSocket upgrade (101 when it opened) and the subprotocol picked. */
function upgrade(url: string, headers: Record<string, string>, protocols: string[] = []): Promise<{ status: number; protocol?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('open', () => {
      resolve({ status: 101, protocol: ws.protocol });
      ws.close();
    });
    ws.once('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

/** A GET with the path exactly as given (fetch would normalize it). */
function rawGet(origin: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.once('error', reject);
    req.end();
  });
}

describe('request guard', () => {
  const ctx = { token: 'secret-token', port: 4780, allowedHosts: allowedHostsFor('127.0.0.1', 4780) };
  const host = { host: '127.0.0.1:4780' };

  it('wants the token for the WebSocket and /api/: from the query, a Bearer header or a subprotocol', () => {
    expect(guardRequest({ url: '/ws', headers: host }, ctx, 'upgrade')).toMatchObject({ ok: false, status: 401 });
    expect(guardRequest({ url: '/api/health', headers: host }, ctx, 'api')).toMatchObject({ ok: false, status: 401 });
    expect(guardRequest({ url: '/ws?token=wrong', headers: host }, ctx, 'upgrade')).toMatchObject({ ok: false, status: 401 });
    expect(guardRequest({ url: '/ws?token=secret-token', headers: host }, ctx, 'upgrade')).toMatchObject({ ok: true, tokenFrom: 'query' });
    const bearer = { ...host, authorization: 'Bearer secret-token' };
    expect(guardRequest({ url: '/api/health', headers: bearer }, ctx, 'api')).toMatchObject({ ok: true, tokenFrom: 'header' });
    const protocol = { ...host, 'sec-websocket-protocol': 'troupe, troupe-token.secret-token' };
    expect(guardRequest({ url: '/ws', headers: protocol }, ctx, 'upgrade')).toMatchObject({ ok: true, tokenFrom: 'protocol' });
  });

  it('never takes the token from a cookie: cookies ignore ports, so every server on the host gets them', () => {
    const cookie = { ...host, cookie: 'troupe_token_4780=secret-token; troupe_token=secret-token' };
    expect(guardRequest({ url: '/ws', headers: cookie }, ctx, 'upgrade')).toMatchObject({ ok: false, status: 401 });
    expect(guardRequest({ url: '/api/health', headers: cookie }, ctx, 'api')).toMatchObject({ ok: false, status: 401 });
  });

  it('serves the page without a token, but not with a wrong one', () => {
    expect(guardRequest({ url: '/', headers: host }, ctx)).toEqual({ ok: true });
    expect(guardRequest({ url: '/?token=wrong', headers: host }, ctx)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses a Host that is not this server (DNS rebinding)', () => {
    const result = guardRequest({ url: '/?token=secret-token', headers: { host: 'evil.example:4780' } }, ctx);
    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(guardRequest({ url: '/', headers: { host: '127.0.0.1:9999' } }, ctx)).toMatchObject({ status: 403 });
    expect(guardRequest({ url: '/', headers: {} }, ctx)).toMatchObject({ status: 403 });
  });

  it('accepts only its own origin on upgrades and state-changing requests', () => {
    expect(originAllowed('http://127.0.0.1:4780', ctx)).toBe(true);
    expect(originAllowed('http://localhost:4780', ctx)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4781', ctx)).toBe(false);
    expect(originAllowed('https://127.0.0.1:4780', ctx)).toBe(false);
    expect(originAllowed('http://evil.example', ctx)).toBe(false);
    expect(originAllowed('null', ctx)).toBe(false);
    const post = { method: 'POST', url: '/api/x', headers: { ...host, origin: 'http://evil.example', authorization: 'Bearer secret-token' } };
    expect(guardRequest(post, ctx, 'api')).toMatchObject({ ok: false, status: 403 });
    // A GET from anywhere is only a read, and /api/ still needs the token.
    expect(guardRequest({ ...post, method: 'GET' }, ctx, 'api')).toMatchObject({ ok: true });
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

  it('prints a URL with the token in its fragment, which browsers never send', () => {
    expect(started.server.url).toBe(`${started.server.origin}/#token=${started.server.token}`);
  });

  it('serves the page and its assets without a token, and never sets a cookie', async () => {
    const page = await fetch(started.server.origin + '/session/abc');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('set-cookie')).toBeNull();
    expect((await fetch(started.server.origin + '/assets/app.js')).status).toBe(200);
  });

  it('answers /api/ only with the token', async () => {
    expect((await fetch(started.server.origin + '/api/health')).status).toBe(401);
    const health = await fetch(started.server.origin + '/api/health', { headers: { authorization: `Bearer ${started.server.token}` } });
    expect(health.status).toBe(200);
  });

  it('moves the token of an older ?token= link into the fragment, without a cookie', async () => {
    const res = await fetch(`${started.server.origin}/session/abc?token=${started.server.token}&x=1`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/session/abc?x=1#token=${started.server.token}`);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it.each(['/.//evil.com/', '//evil.com/', '/\\evil.com/', '/./\\/evil.com/x'])('redirects %s only to a path of its own (no open redirect)', async (path) => {
    const res = await rawGet(started.server.origin, `${path}?token=${started.server.token}`);
    expect(res.status).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/[^/\\]/);
    expect(new URL(location, started.server.origin).origin).toBe(started.server.origin);
  });

  it('never serves files outside the UI folder', async () => {
    const res = await fetch(started.server.origin + '/assets/..%2f..%2f..%2fetc%2fpasswd');
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('root:');
  });

  it('refuses a WebSocket with a leaked cookie alone, with or without an Origin', async () => {
    const url = wsUrl(started.server.origin);
    const cookie = `troupe_token_${started.server.port}=${started.server.token}`;
    expect(await upgrade(url, { Cookie: cookie })).toEqual({ status: 401 });
    expect(await upgrade(url, { Cookie: cookie, Origin: started.server.origin })).toEqual({ status: 401 });
  });

  it('refuses WebSocket upgrades without the token, from a foreign Origin, or for a foreign Host', async () => {
    const url = wsUrl(started.server.origin);
    const protocols = wsProtocols(started.server.token);
    expect(await upgrade(url, { Origin: started.server.origin })).toEqual({ status: 401 });
    expect(await upgrade(url, { Origin: started.server.origin }, wsProtocols('not-the-token'))).toEqual({ status: 401 });
    expect(await upgrade(url, { Origin: 'http://evil.example' }, protocols)).toEqual({ status: 403 });
    expect(await upgrade(url, { Origin: started.server.origin, Host: `evil.example:${started.server.port}` }, protocols)).toEqual({ status: 403 });
    // Open: the server picks `troupe`, never echoes the token back.
    expect(await upgrade(url, { Origin: started.server.origin }, protocols)).toEqual({ status: 101, protocol: 'troupe' });
  });

  it('opens with hello and a snapshot for a same-origin client', async () => {
    const client = await TestClient.open(started.server);
    const hello = await client.waitFor((m) => m.type === 'hello');
    expect(hello).toMatchObject({ projectName: 'demo', defaultBackend: 'sim' });
    const snapshot = await client.waitFor((m) => m.type === 'snapshot');
    expect(snapshot).toMatchObject({ sessions: [], resync: false, tree: { count: 1 } });
    client.close();
  });
});
