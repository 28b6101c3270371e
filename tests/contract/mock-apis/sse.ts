/** Server-sent events, written the way the vendors' streaming APIs frame them. */
import type { ServerResponse } from 'node:http';

export function startEventStream(res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
}

/** One event; `event` is omitted for APIs that send bare `data:` lines (Gemini). */
export function writeEvent(res: ServerResponse, data: unknown, event?: string): void {
  const head = event ? `event: ${event}\n` : '';
  res.write(`${head}data: ${JSON.stringify(data)}\n\n`);
}

/**
 * Ends the response abruptly, mid-stream: the socket is destroyed without the final
 * chunk of the chunked encoding, which is what a dropped connection looks like to a client.
 */
export function cutStream(res: ServerResponse): void {
  // end() flushes what was written so far, then the connection is dropped.
  const socket = res.socket;
  socket?.end(() => socket.destroy());
}

/** A hung API: leaves the request unanswered, or sends only the stream's head. The socket stays open until the mock closes. */
export function staySilent(res: ServerResponse, headers: boolean): void {
  if (!headers) return;
  startEventStream(res);
  res.flushHeaders();
}

export function writeJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
