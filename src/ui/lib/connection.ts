/**
 * The dashboard's one WebSocket: messages out as an RxJS stream, commands in as promises,
 * reconnecting with backoff. The cookie set on first load authenticates it.
 */
import { BehaviorSubject, Subject } from 'rxjs';
import type { ClientCommand, ServerMessage } from '../../protocol/wire.js';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'refused';

export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class Connection {
  readonly messages$ = new Subject<ServerMessage>();
  readonly state$ = new BehaviorSubject<ConnectionState>('connecting');
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private retryMs = 500;
  private closedByUs = false;

  constructor(private readonly url: string = defaultUrl()) {}

  connect(): void {
    this.closedByUs = false;
    this.state$.next('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.retryMs = 500;
      this.state$.next('open');
    };
    socket.onmessage = (event) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      if (message.type === 'reply' && typeof message.id === 'number') {
        const pending = this.pending.get(message.id);
        if (pending) {
          this.pending.delete(message.id);
          if (message.ok) pending.resolve(message.result);
          else pending.reject(new CommandError(message.error.code, message.error.message));
        }
      }
      this.messages$.next(message);
    };
    socket.onclose = () => {
      for (const pending of this.pending.values()) pending.reject(new CommandError('DISCONNECTED', 'the connection to troupe was lost'));
      this.pending.clear();
      if (this.closedByUs) return;
      // Never opened: most likely a stale page of a troupe that restarted with a new token.
      this.state$.next(opened ? 'closed' : 'refused');
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
  }

  close(): void {
    this.closedByUs = true;
    this.socket?.close();
  }

  /** Sends a command; resolves with the reply's result, rejects with its error. */
  request<T = unknown>(command: ClientCommand): Promise<T> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new CommandError('DISCONNECTED', 'not connected to troupe'));
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      socket.send(JSON.stringify({ ...command, id }));
    });
  }
}

function defaultUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
