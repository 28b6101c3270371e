/** One client's commands: a reply can never throw out of the handler, and history requests are bounded per client. */
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src/protocol/wire.js';
import { MAX_HISTORY_IN_FLIGHT, MAX_REPLY_BYTES } from '../../src/server/connection.js';
import type { DashboardServices } from '../../src/server/services.js';
import { fakeServices } from './fake-services.js';
import { startTestServer, TestClient, tinyUi } from './test-server.js';
import { startDashboardServer, type DashboardServer } from '../../src/server/dashboard-server.js';

type Reply = Extract<ServerMessage, { type: 'reply' }>;

let server: DashboardServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close();
  server = undefined;
});

async function serve(history: DashboardServices['history'], queue?: Parameters<typeof startDashboardServer>[0]['queue']) {
  const services = fakeServices();
  services.history = history;
  server = await startDashboardServer({ services, uiDir: tinyUi(), port: 0, queue });
  const sessionId = await services.supervisor.start({ backend: 'sim', persona: 'specialist' });
  const client = await TestClient.open(server);
  clients.push(client);
  return { services, client, sessionId };
}

function replies(client: TestClient, count: number): Promise<Reply[]> {
  return new Promise((resolve) => {
    const check = () => {
      const got = client.messages.filter((m): m is Reply => m.type === 'reply');
      if (got.length >= count) resolve(got);
      else setTimeout(check, 10);
    };
    check();
  });
}

describe('a reply that cannot be sent', () => {
  it('becomes an error reply, and the connection carries on', async () => {
    let call = 0;
    const { client, sessionId } = await serve(async (info) => {
      call += 1;
      // A value JSON cannot encode, then one too large to send.
      if (call === 1) return { sessionId: info.sessionId, entries: [], nextBefore: 10n as unknown as number };
      return { sessionId: info.sessionId, entries: [{ k: 'stderr', line: 'x'.repeat(MAX_REPLY_BYTES), at: 1 }] };
    });
    expect(await client.request({ type: 'history', sessionId })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const large = await client.request({ type: 'history', sessionId });
    expect(large).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(await client.request({ type: 'ping' })).toMatchObject({ ok: true });
  });
});

describe('history requests of one client', () => {
  it(`run at most ${MAX_HISTORY_IN_FLIGHT} at a time; the rest are refused at once`, async () => {
    let running = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const { client, sessionId } = await serve(async (info) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running -= 1;
      return { sessionId: info.sessionId, entries: [] };
    });
    const asked = 20;
    for (let i = 0; i < asked; i += 1) client.ws.send(JSON.stringify({ type: 'history', sessionId, id: i }));
    const refused = await replies(client, asked - MAX_HISTORY_IN_FLIGHT);
    expect(refused.every((r) => !r.ok && r.error.code === 'BUSY')).toBe(true);
    expect(peak).toBe(MAX_HISTORY_IN_FLIGHT);
    for (const go of release.splice(0)) go();
    const all = await replies(client, asked);
    expect(all.filter((r) => r.ok)).toHaveLength(MAX_HISTORY_IN_FLIGHT);
    // Once answered, the next request is served again.
    const again = client.request({ type: 'history', sessionId });
    await new Promise<void>((resolve) => {
      const wait = () => (release.length > 0 ? resolve() : setTimeout(wait, 5));
      wait();
    });
    for (const go of release.splice(0)) go();
    expect(await again).toMatchObject({ ok: true });
  });

  it('are counted apart from searches of past sessions: a search never refuses the chat its page', async () => {
    const release: (() => void)[] = [];
    const { client, sessionId, services } = await serve(async (info) => ({ sessionId: info.sessionId, entries: [] }));
    services.past = {
      find: () => new Promise((resolve) => release.push(() => resolve({ sessions: [], total: 0 }))),
      logPath: async () => undefined,
      resume: async (id) => id,
    };
    for (let i = 0; i < 3; i += 1) client.ws.send(JSON.stringify({ type: 'find-sessions', query: `q${i}`, id: `find-${i}` }));
    const refused = await replies(client, 1);
    expect(refused).toMatchObject([{ id: 'find-2', ok: false, error: { code: 'BUSY', message: expect.stringContaining('search') } }]);
    // Two searches hang: the chat's history is still served.
    expect(await client.request({ type: 'history', sessionId })).toMatchObject({ ok: true });
    for (const go of release.splice(0)) go();
  });

  it('are refused before the log is read while the client leaves its replies unread', async () => {
    let reads = 0;
    const page = 'h'.repeat(900 * 1024);
    const queue = { highWaterBytes: 64 * 1024, maxQueuedBytes: 256 * 1024, maxEssentialBytes: 2.5 * 1024 * 1024 };
    const { client, sessionId, services } = await serve(async (info) => {
      reads += 1;
      return { sessionId: info.sessionId, entries: [{ k: 'stderr', line: page, at: reads }] };
    }, queue);
    // The client stops reading: the kernel's buffers fill, then the server's queue.
    (client.ws as unknown as { _socket: Socket })._socket.pause();
    const list = services.supervisor.list.bind(services.supervisor);
    let decided: () => void = () => undefined;
    services.supervisor.list = () => {
      decided();
      return list();
    };
    const asked = 60;
    for (let i = 0; i < asked; i += 1) {
      // One at a time, each answered before the next, so only the unread replies can stop them.
      const before = reads;
      client.ws.send(JSON.stringify({ type: 'history', sessionId, id: i }));
      // Commands are handled in order: once `list` is, the history request was decided.
      await new Promise<void>((resolve) => {
        decided = resolve;
        client.ws.send(JSON.stringify({ type: 'list', id: `list-${i}` }));
      });
      if (reads > before) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const readsWhileStuck = reads;
    (client.ws as unknown as { _socket: Socket })._socket.resume();
    const all = (await replies(client, 2 * asked)).filter((r) => typeof r.id === 'number');
    const busy = all.filter((r) => !r.ok && r.error.code === 'BUSY');
    console.log(`unread client: ${asked} history requests, ${readsWhileStuck} read from the log, ${busy.length} refused`);
    // Only what fits the kernel's socket buffers and the queue's cap was read, not 60 pages of 900 KB.
    expect(readsWhileStuck).toBeLessThan(asked / 2);
    expect(busy.length).toBe(asked - readsWhileStuck);
    expect(all.filter((r) => r.ok)).toHaveLength(reads);
  });
});
