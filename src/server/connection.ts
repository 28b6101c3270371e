/** One browser connection: hello + snapshot, then commands in and queued frames out. */
import type { RawData, WebSocket } from 'ws';
import { messageOf } from '../errors/troupe-error.js';
import { MAX_HISTORY_PAGE_BYTES, type ClientCommand, type HelloMessage, type ServerMessage, type WireError } from '../protocol/wire.js';
import { ClientQueue, type ClientQueueOptions } from './client-queue.js';
import { handleCommand, toWireError } from './command-handler.js';
import { parseCommand } from './command-schema.js';
import type { DashboardFeed, FeedClient } from './feed.js';
import type { DashboardServices } from './services.js';

/** History requests (and, apart, searches) one client may have in flight; more are refused at once (each may read megabytes). */
export const MAX_HISTORY_IN_FLIGHT = 2;
/** Room a history reply takes in the client's queue, held before the log is read. */
const HISTORY_REPLY_BYTES = MAX_HISTORY_PAGE_BYTES + 64 * 1024;
/** A reply larger than this is not sent: an error says so instead. */
export const MAX_REPLY_BYTES = 4 * 1024 * 1024;

type RequestId = number | string | null;

export interface ConnectionOptions {
  services: DashboardServices;
  feed: DashboardFeed;
  hello: () => HelloMessage;
  queue?: ClientQueueOptions;
}

export class DashboardConnection implements FeedClient {
  readonly queue: ClientQueue;
  watched: ReadonlySet<string> = new Set();
  private alive = true;
  private readonly logReadsInFlight = { history: 0, 'find-sessions': 0 };

  constructor(
    private readonly socket: WebSocket,
    private readonly options: ConnectionOptions,
  ) {
    this.queue = new ClientQueue(socket, () => JSON.stringify(options.feed.snapshot(true)), options.queue);
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
    options.feed.addClient(this);
    this.send(options.hello());
    this.send(options.feed.snapshot(false));
  }

  /** Bytes the socket holds that the client has not taken yet. */
  get bufferedAmount(): number {
    return this.socket.bufferedAmount;
  }

  /** Heartbeat: a connection that missed the previous ping is gone. */
  heartbeat(): void {
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
  }

  close(): void {
    this.options.feed.removeClient(this);
    this.queue.clear();
  }

  /** Replies and the opening messages are essential: never dropped for a snapshot. */
  private send(message: ServerMessage): void {
    this.queue.enqueue(JSON.stringify(message), true);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.send({ type: 'reply', id: null, ok: false, error: { code: 'INVALID_COMMAND', message: 'commands are JSON text frames' } });
      return;
    }
    const frame = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    const parsed = parseCommand(frame);
    if (!parsed.ok) {
      this.send({ type: 'reply', id: parsed.id, ok: false, error: parsed.error });
      return;
    }
    const { id, command } = parsed;
    // History pages and searches of past sessions read logs: a client gets a few of each at a time
    // (counted apart, so a search typed in the list never refuses the chat's page).
    if (command.type !== 'history' && command.type !== 'find-sessions') {
      void this.carryOut(id, command, () => undefined);
      return;
    }
    const kind = command.type;
    // Checked before any work is done: a client that floods or does not read its replies costs nothing.
    if (this.logReadsInFlight[kind] >= MAX_HISTORY_IN_FLIGHT) {
      const what = kind === 'history' ? 'history' : 'search';
      this.refuse(id, { code: 'BUSY', message: `at most ${MAX_HISTORY_IN_FLIGHT} ${what} requests at a time: wait for a reply` });
      return;
    }
    const release = this.queue.reserve(HISTORY_REPLY_BYTES);
    if (!release) {
      this.refuse(id, { code: 'BUSY', message: 'too many replies wait unread: read them before asking for more history' });
      return;
    }
    this.logReadsInFlight[kind] += 1;
    void this.carryOut(id, command, () => {
      this.logReadsInFlight[kind] -= 1;
      release();
    });
  }

  /** Runs one command and queues its reply; never throws, whatever the command or its result. */
  private async carryOut(id: RequestId, command: ClientCommand, done: () => void): Promise<void> {
    let frame: string;
    try {
      const result = await handleCommand(command, {
        services: this.options.services,
        feed: this.options.feed,
        setWatched: (ids) => {
          this.watched = new Set(ids);
          this.options.feed.refreshWatched();
        },
      });
      frame = replyFrame(id, result);
    } catch (error) {
      frame = errorFrame(id, toWireError(error));
    } finally {
      done();
    }
    try {
      this.queue.enqueue(frame, true);
    } catch (error) {
      process.stderr.write(`troupe: could not queue a reply to ${command.type}: ${messageOf(error)}\n`);
    }
  }

  private refuse(id: RequestId, error: WireError): void {
    this.queue.enqueue(errorFrame(id, error), true);
  }
}

function errorFrame(id: RequestId, error: WireError): string {
  return JSON.stringify({ type: 'reply', id, ok: false, error } satisfies ServerMessage);
}

/** The reply as a frame; an error frame when it cannot be encoded or is too large to send. */
function replyFrame(id: RequestId, result: unknown): string {
  let frame: string;
  try {
    frame = JSON.stringify({ type: 'reply', id, ok: true, result } satisfies ServerMessage);
  } catch (error) {
    return errorFrame(id, { code: 'INTERNAL', message: `the reply could not be encoded: ${messageOf(error)}` });
  }
  if (frame.length > MAX_REPLY_BYTES) {
    return errorFrame(id, { code: 'TOO_LARGE', message: `the reply of ${frame.length} characters exceeds the limit of ${MAX_REPLY_BYTES}` });
  }
  return frame;
}
