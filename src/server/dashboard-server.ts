/**
 * The dashboard gateway: plain node:http for the built UI, one WebSocket at /ws.
 * Loopback by default, every request guarded; the token comes from the caller (kept per project).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { distPath } from '../paths.js';
import { WS_PROTOCOL, type HelloMessage } from '../protocol/wire.js';
import { TROUPE_VERSION } from '../version.js';
import type { ClientQueueOptions } from './client-queue.js';
import { DashboardConnection } from './connection.js';
import { DashboardFeed, DEFAULT_FEED_OPTIONS, type FeedOptions } from './feed.js';
import { allowedHostsFor, guardRequest, queryToken, type GuardContext } from './request-guard.js';
import type { DashboardServices } from './services.js';
import { SECURITY_HEADERS, send, serveStatic } from './static-files.js';
import { localPath } from './local-path.js';
import { createToken } from './token.js';

/** Frames beyond this close the socket (1009); below it but above MAX_COMMAND_BYTES get an error reply. */
const HARD_MAX_PAYLOAD = 4 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

export interface DashboardServerOptions {
  services: DashboardServices;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built UI; defaults to dist/ui of this package. */
  uiDir?: string;
  /** The token (troupe keeps one per project); a random one when not given. */
  token?: string;
  queue?: ClientQueueOptions;
  feed?: Partial<FeedOptions>;
}

export interface DashboardServer {
  /** The URL to open, the token in its fragment (`#token=`), which browsers never send. */
  readonly url: string;
  /** `http://host:port`, what a same-origin browser sends as Origin. */
  readonly origin: string;
  readonly token: string;
  readonly host: string;
  readonly port: number;
  readonly feed: DashboardFeed;
  connections(): ReadonlySet<DashboardConnection>;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = status === 401 ? 'Unauthorized' : 'Forbidden';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const { services } = options;
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? createToken();
  const uiDir = options.uiDir ?? distPath('ui');
  const feed = new DashboardFeed(services, { ...DEFAULT_FEED_OPTIONS, ...options.feed });
  const [backends, personas] = await Promise.all([services.backends(), services.personas()]);
  const hello = (): HelloMessage => ({
    type: 'hello',
    version: TROUPE_VERSION,
    projectRoot: services.projectRoot,
    projectName: services.projectName,
    defaultBackend: services.defaultBackend,
    backends,
    personas,
  });

  const connections = new Set<DashboardConnection>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: HARD_MAX_PAYLOAD,
    perMessageDeflate: false,
    // Pick `troupe`, never echo the token protocol back.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const guard: GuardContext = { token, port: 0, allowedHosts: new Set() };

  const server = createServer((req, res) => {
    handleHttp(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const verdict = guardRequest(req, guard, url.pathname.startsWith('/api/') ? 'api' : 'page');
    if (!verdict.ok) {
      send(res, verdict.status, 'text/plain; charset=utf-8', `${verdict.reason}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'only GET: commands go over the WebSocket\n');
      return;
    }
    if (queryToken(req.url) !== null && !url.pathname.startsWith('/api/')) {
      // An older link with ?token=: the page takes the token from the fragment, which never leaves the browser.
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        Location: `${localPath(url.pathname)}${url.search}#token=${token}`,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (url.pathname === '/api/health') {
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ ok: true, clients: connections.size }));
      return;
    }
    await serveStatic(uiDir, req, res, url.pathname);
  }

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const verdict = guardRequest(req, guard, 'upgrade');
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.reason);
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/ws') return refuse(socket, 403, 'the WebSocket is at /ws');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new DashboardConnection(ws, { services, feed, hello, queue: options.queue });
      connections.add(connection);
      ws.on('close', () => connections.delete(connection));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  guard.port = port;
  guard.allowedHosts = allowedHostsFor(host, port);
  feed.start();
  const heartbeat = setInterval(() => {
    for (const connection of connections) connection.heartbeat();
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const displayHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const origin = `http://${urlHost(displayHost)}:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    host,
    port,
    feed,
    connections: () => connections,
    async close() {
      clearInterval(heartbeat);
      feed.stop();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
