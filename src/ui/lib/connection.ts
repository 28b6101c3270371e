/**
 * The dashboard's one WebSocket: messages out as an RxJS stream, commands in as promises,
 * reconnecting by itself. The token goes as a WebSocket subprotocol (see wsProtocols).
 * When the socket drops, one HTTP request tells why: no answer at all is a troupe that stopped
 * (it comes back on the same port with the same token), a 401 is a token it refuses.
 */
import { BehaviorSubject, Subject } from 'rxjs';
import { wsProtocols, type ClientCommand, type ServerMessage } from '../../protocol/wire.js';
import { dashboardToken } from './token.js';

/** `stopped`: troupe does not answer (reconnecting); `refused`: it answers, but not to this token. */
export type ConnectionState = 'connecting' | 'open' | 'stopped' | 'refused';

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

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 3_000;
const PROBE_MS = 3_000;

export class Connection {
  readonly messages$ = new Subject<ServerMessage>();
  readonly state$ = new BehaviorSubject<ConnectionState>('connecting');
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private retryMs = FIRST_RETRY_MS;
  private closedByUs = false;

  constructor(
    private readonly url: string = defaultUrl(),
    private readonly token: string | null = dashboardToken(),
  ) {}

  connect(): void {
    this.closedByUs = false;
    if (!this.token) {
      // Nothing to try with: the page was opened without the URL troupe printed.
      this.state$.next('refused');
      return;
    }
    if (this.state$.value === 'open') this.state$.next('connecting');
    const socket = new WebSocket(this.url, wsProtocols(this.token));
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = FIRST_RETRY_MS;
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
      if (this.state$.value === 'open') this.state$.next('connecting');
      void this.diagnose().then((state) => {
        if (this.closedByUs) return;
        if (state !== this.state$.value) this.state$.next(state);
        setTimeout(() => this.connect(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 1.5, MAX_RETRY_MS);
      });
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

  /** Why the socket could not stay open: asks troupe over HTTP with the same token. */
  private async diagnose(): Promise<ConnectionState> {
    try {
      // A troupe that hangs counts as stopped too: the retries go on either way.
      const response = await fetch('/api/health', {
        headers: { Authorization: `Bearer ${this.token}` },
        cache: 'no-store',
        signal: AbortSignal.timeout(PROBE_MS),
      });
      return response.status === 401 ? 'refused' : 'connecting';
    } catch {
      return 'stopped';
    }
  }
}

function defaultUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
