/**
 * Every request passes here first: the token (401 without it), then Host (DNS rebinding) and,
 * for WebSocket upgrades and state-changing requests, Origin (cross-site use of the cookie).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { networkInterfaces } from 'node:os';
import { cookieName, parseCookies, tokenMatches } from './token.js';

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

export type GuardResult =
  | { ok: true; tokenFrom: 'query' | 'cookie' | 'header' }
  | { ok: false; status: 401 | 403; reason: string };

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

export function queryToken(url: string | undefined): string | null {
  if (!url) return null;
  const q = url.indexOf('?');
  return q < 0 ? null : new URLSearchParams(url.slice(q + 1)).get('token');
}

export function guardRequest(req: GuardedRequest, ctx: GuardContext, upgrade = false): GuardResult {
  let tokenFrom: 'query' | 'cookie' | 'header' | undefined;
  if (tokenMatches(ctx.token, queryToken(req.url))) tokenFrom = 'query';
  else if (tokenMatches(ctx.token, parseCookies(req.headers.cookie).get(cookieName(ctx.port)))) tokenFrom = 'cookie';
  else if (tokenMatches(ctx.token, bearer(req.headers))) tokenFrom = 'header';
  if (!tokenFrom) return { ok: false, status: 401, reason: 'missing or wrong token: open the URL troupe printed' };

  if (!hostAllowed(req.headers.host, ctx)) {
    return { ok: false, status: 403, reason: `Host ${JSON.stringify(req.headers.host ?? '')} is not this server` };
  }
  const origin = req.headers.origin;
  const stateChanging = upgrade || !SAFE_METHODS.has((req.method ?? 'GET').toUpperCase());
  if (stateChanging && !originAllowed(origin, ctx)) {
    return { ok: false, status: 403, reason: `Origin ${JSON.stringify(origin)} may not use this server` };
  }
  return { ok: true, tokenFrom };
}
