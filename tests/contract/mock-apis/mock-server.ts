/** A loopback HTTP server that records every request and hands it to one route function. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReplyScript } from './script.js';

export interface RecordedRequest {
  method: string;
  /** Path with query, e.g. `/v1/messages?beta=true`. */
  url: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  body: unknown;
}

export type Route = (request: RecordedRequest, res: ServerResponse) => void | Promise<void>;

export interface MockServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Every request, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Errors thrown by the route (answered with a 500); a test expects none. */
  readonly routeErrors: string[];
  close(): Promise<void>;
}

/** A vendor mock: the server, its script, and the requests that used the script. */
export interface MockApi extends MockServer {
  readonly script: ReplyScript;
  /** The requests that consumed a scripted reply (the CLI's conversation turns), in order. */
  turnRequests(): RecordedRequest[];
}

/** Does this request's body carry `text` anywhere (prompts, history, tool output)? */
export function mentions(request: RecordedRequest, text: string): boolean {
  return JSON.stringify(request.body ?? request.rawBody).includes(JSON.stringify(text).slice(1, -1));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function startMockServer(route: Route): Promise<MockServer> {
  const requests: RecordedRequest[] = [];
  const routeErrors: string[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const rawBody = Buffer.concat(parts).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        rawBody,
        body: parseJson(rawBody),
      };
      requests.push(recorded);
      Promise.resolve()
        .then(() => route(recorded, res))
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          routeErrors.push(`${recorded.method} ${recorded.url}: ${message}`);
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: `mock route failed: ${message}` } }));
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    routeErrors,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets of a CLI that is already gone must not hold the close open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
