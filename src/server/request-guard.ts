/**
 * Every request passes here first: Host (DNS rebinding), then Origin for WebSocket upgrades and
 * state-changing requests, then the token. The page and its assets hold nothing secret and are
 * served without a token (the page reads it from the URL fragment, which no browser sends); the
 * WebSocket and /api/ want it, never from a cookie: a cookie would reach every server on the host.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { networkInterfaces } from 'node:os';
import { WS_TOKEN_PREFIX } from '../protocol/wire.js';
import { tokenMatches } from './token.js';

export interface GuardContext {
  token: string;
  port: number;
  /** `host:port` values a request may name in its Host header. */
  allowedHosts: ReadonlySet<string>;
}

export interface GuardedRequest {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
}

/** What is asked for: the page or an asset, an /api/ call, or the WebSocket. */
export type RequestKind = 'page' | 'api' | 'upgrade';

export type TokenSource = 'query' | 'header' | 'protocol';

export type GuardResult = { ok: true; tokenFrom?: TokenSource } | { ok: false; status: 401 | 403; reason: string };

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostWithPort(host: string, port: number): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${bracketed.toLowerCase()}:${port}`;
}

/** The Host values this server answers to: its bound address and the loopback names. */
export function allowedHostsFor(boundHost: string, port: number): Set<string> {
  const hosts = new Set(LOOPBACK_NAMES.map((name) => hostWithPort(name, port)));
  hosts.add(hostWithPort(boundHost, port));
  if (boundHost === '0.0.0.0' || boundHost === '::') {
    // Bound to every interface: each interface's own address is a legitimate Host.
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) hosts.add(hostWithPort(address.address, port));
    }
  }
  return hosts;
}

export function hostAllowed(hostHeader: string | undefined, ctx: GuardContext): boolean {
  return typeof hostHeader === 'string' && ctx.allowedHosts.has(hostHeader.toLowerCase());
}

/** Same-origin only: `http://<an allowed host>`. A missing Origin is a non-browser client. */
export function originAllowed(originHeader: string | undefined, ctx: GuardContext): boolean {
  if (originHeader === undefined) return true;
  let url: URL;
  try {
    url = new URL(originHeader);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:') return false;
  const port = url.port === '' ? 80 : Number(url.port);
  return port === ctx.port && ctx.allowedHosts.has(hostWithPort(url.hostname, port));
}

function bearer(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  return value?.startsWith('Bearer ') ? value.slice(7).trim() : undefined;
}

/** The token offered as a WebSocket subprotocol (`troupe-token.<token>`). */
function protocolToken(headers: IncomingHttpHeaders): string | undefined {
  const offered = headers['sec-websocket-protocol'];
  if (typeof offered !== 'string') return undefined;
  for (const protocol of offered.split(',')) {
    const value = protocol.trim();
    if (value.startsWith(WS_TOKEN_PREFIX)) return value.slice(WS_TOKEN_PREFIX.length);
  }
  return undefined;
}

export function queryToken(url: string | undefined): string | null {
  if (!url) return null;
  const q = url.indexOf('?');
  return q < 0 ? null : new URLSearchParams(url.slice(q + 1)).get('token');
}

/** Where a right token came from; 'wrong' when one was offered and none matched. */
function findToken(req: GuardedRequest, ctx: GuardContext): TokenSource | 'wrong' | undefined {
  const offered: [TokenSource, string | null | undefined][] = [
    ['query', queryToken(req.url)],
    ['header', bearer(req.headers)],
    ['protocol', protocolToken(req.headers)],
  ];
  let wrong = false;
  for (const [source, value] of offered) {
    if (tokenMatches(ctx.token, value)) return source;
    if (value !== null && value !== undefined) wrong = true;
  }
  return wrong ? 'wrong' : undefined;
}

export function guardRequest(req: GuardedRequest, ctx: GuardContext, kind: RequestKind = 'page'): GuardResult {
  if (!hostAllowed(req.headers.host, ctx)) {
    return { ok: false, status: 403, reason: `Host ${JSON.stringify(req.headers.host ?? '')} is not this server` };
  }
  const origin = req.headers.origin;
  const stateChanging = kind === 'upgrade' || !SAFE_METHODS.has((req.method ?? 'GET').toUpperCase());
  if (stateChanging && !originAllowed(origin, ctx)) {
    return { ok: false, status: 403, reason: `Origin ${JSON.stringify(origin)} may not use this server` };
  }
  const token = findToken(req, ctx);
  if (token === 'wrong') return { ok: false, status: 401, reason: 'wrong token: open the URL troupe printed' };
  if (token === undefined && kind !== 'page') {
    return { ok: false, status: 401, reason: 'missing token: open the URL troupe printed' };
  }
  return { ok: true, ...(token ? { tokenFrom: token } : {}) };
}
