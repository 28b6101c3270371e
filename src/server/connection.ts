/** One browser connection: hello + snapshot, then commands in and queued frames out. */
import type { RawData, WebSocket } from 'ws';
import type { HelloMessage, ServerMessage } from '../protocol/wire.js';
import { ClientQueue, type ClientQueueOptions } from './client-queue.js';
import { handleCommand, toWireError } from './command-handler.js';
import { parseCommand } from './command-schema.js';
import type { DashboardFeed, FeedClient } from './feed.js';
import type { DashboardServices } from './services.js';

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
    handleCommand(command, {
      services: this.options.services,
      feed: this.options.feed,
      setWatched: (ids) => {
        this.watched = new Set(ids);
        this.options.feed.refreshWatched();
      },
    }).then(
      (result) => this.send({ type: 'reply', id, ok: true, result }),
      (error: unknown) => this.send({ type: 'reply', id, ok: false, error: toWireError(error) }),
    );
  }
}
