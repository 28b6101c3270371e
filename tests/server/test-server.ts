/** Starts the real dashboard server over fake services, with a tiny built UI in a temp folder. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { wsProtocols, type ServerMessage } from '../../src/protocol/wire.js';
import { startDashboardServer, type DashboardServerOptions } from '../../src/server/dashboard-server.js';
import { fakeServices } from './fake-services.js';

export function tinyUi(): string {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-ui-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>troupe</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("hi")');
  return dir;
}

export async function startTestServer(options: Partial<DashboardServerOptions> = {}) {
  const services = fakeServices();
  const server = await startDashboardServer({ services, uiDir: tinyUi(), port: 0, ...options });
  return { server, services, supervisor: services.supervisor };
}

/** A WebSocket client that collects every message and can wait for one that matches. */
export class TestClient {
  readonly messages: ServerMessage[] = [];
  private waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  private nextId = 1;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(message)) return true;
        w.resolve(message);
        return false;
      });
    });
  }

  /** Connects the way the dashboard page does: same origin, the token as a subprotocol. */
  static open(server: { origin: string; token: string }): Promise<TestClient> {
    return TestClient.connect(wsUrl(server.origin), { Origin: server.origin }, wsProtocols(server.token));
  }

  static async connect(url: string, headers: Record<string, string>, protocols: string[] = []): Promise<TestClient> {
    const ws = new WebSocket(url, protocols, { headers });
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  waitFor<T extends ServerMessage>(match: (m: ServerMessage) => boolean): Promise<T> {
    const found = this.messages.find(match);
    if (found) return Promise.resolve(found as T);
    return new Promise((resolve) => this.waiters.push({ match, resolve: resolve as (m: ServerMessage) => void }));
  }

  /** Sends a command and resolves with its reply. */
  request(command: Record<string, unknown>): Promise<Extract<ServerMessage, { type: 'reply' }>> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ ...command, id }));
    return this.waitFor((m) => m.type === 'reply' && m.id === id);
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  close(): void {
    this.ws.close();
  }
}

export function wsUrl(origin: string): string {
  return origin.replace(/^http/, 'ws') + '/ws';
}
