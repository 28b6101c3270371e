import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import { ClientQueue, type QueueSocket } from '../../src/server/client-queue.js';
import type { ServerMessage } from '../../src/protocol/wire.js';
import { startTestServer, TestClient } from './test-server.js';

/** A socket whose buffer never drains: every frame sent stays "buffered". */
class StuckSocket implements QueueSocket {
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  send(data: string): void {
    this.sent.push(data);
    this.bufferedAmount += data.length;
  }
  close(): void {
    this.readyState = 3;
  }
}

describe('ClientQueue', () => {
  const options = { highWaterBytes: 1000, maxQueuedBytes: 5000, maxEssentialBytes: 20_000 };

  it('holds frames back while the socket is full, then drops them for one snapshot', () => {
    const socket = new StuckSocket();
    let snapshots = 0;
    const queue = new ClientQueue(socket, () => `snapshot-${++snapshots}`, options);
    for (let i = 0; i < 1000; i++) {
      queue.enqueue('x'.repeat(100));
      queue.flush();
    }
    const stats = queue.getStats();
    // About a high-water mark went to the socket; at most maxQueuedBytes waits here.
    expect(socket.bufferedAmount).toBeLessThanOrEqual(options.highWaterBytes + 100);
    expect(stats.peakQueuedBytes).toBeLessThanOrEqual(options.maxQueuedBytes);
    expect(stats.droppedFrames).toBeGreaterThan(900);
    expect(queue.isBehind).toBe(true);
    expect(snapshots).toBe(0);

    // The client catches up: it gets the current state once, not the backlog.
    socket.bufferedAmount = 0;
    queue.flush();
    expect(snapshots).toBe(1);
    expect(socket.sent.at(-1)).toBe('snapshot-1');
    expect(queue.isBehind).toBe(false);
  });

  it('never drops replies, and cuts off a client that lets too many pile up', () => {
    const socket = new StuckSocket();
    const queue = new ClientQueue(socket, () => 'snapshot', options);
    socket.bufferedAmount = options.highWaterBytes;
    queue.enqueue('reply-1', true);
    for (let i = 0; i < 100; i++) queue.enqueue('y'.repeat(100));
    expect(queue.isBehind).toBe(true);
    socket.bufferedAmount = 0;
    queue.flush();
    expect(socket.sent).toEqual(['snapshot', 'reply-1']);
    socket.bufferedAmount = options.highWaterBytes;
    for (let i = 0; i < 30 && socket.readyState === 1; i++) queue.enqueue('z'.repeat(1000), true);
    expect(socket.readyState).toBe(3);
  });
});

describe('a client that never reads', () => {
  const queueOptions = { highWaterBytes: 64 * 1024, maxQueuedBytes: 256 * 1024, maxEssentialBytes: 1024 * 1024 };
  let started: Awaited<ReturnType<typeof startTestServer>>;
  let stuck: TestClient;
  let reader: TestClient;

  beforeAll(async () => {
    // A long tick: the test drives the feed itself, batch by batch.
    started = await startTestServer({ queue: queueOptions, feed: { tickMs: 60_000 } });
    stuck = await TestClient.open(started.server);
    reader = await TestClient.open(started.server);
    await started.supervisor.start({ backend: 'sim', persona: 'specialist' });
    await stuck.request({ type: 'watch', sessionIds: ['s-1'] });
    await reader.request({ type: 'watch', sessionIds: ['s-1'] });
  });
  afterAll(async () => {
    stuck.close();
    reader.close();
    await started.server.close();
  });

  it('costs the server a bounded amount and does not hold back another client', async () => {
    const { supervisor, server } = started;
    const [stuckConnection] = [...server.connections()];
    if (!stuckConnection) throw new Error('no connection');
    // Stop reading: the kernel buffers fill, then ws buffers, then our queue.
    (stuck.ws as unknown as { _socket: Socket })._socket.pause();
    const piece = 'p'.repeat(1000);
    const batches = 400;
    let peakBuffered = 0;
    let peakQueued = 0;
    for (let batch = 0; batch < batches; batch++) {
      for (let i = 0; i < 100; i++) supervisor.emitText('s-1', piece);
      supervisor.emitText('s-1', `|${batch}|`);
      server.feed.tick();
      await reader.waitFor((m) => m.type === 'events' && m.events.some((e) => e.type === 'chunk' && e.chunk.kind === 'text' && e.chunk.text.endsWith(`|${batch}|`)));
      peakBuffered = Math.max(peakBuffered, stuckConnection.bufferedAmount);
      peakQueued = Math.max(peakQueued, stuckConnection.queue.queuedBytes);
    }
    const total = batches * (100 * piece.length);
    const stats = stuckConnection.queue.getStats();
    console.log(
      `stuck client: ${(total / 1e6).toFixed(1)} MB streamed, peak socket buffer ${(peakBuffered / 1024).toFixed(0)} KiB,` +
        ` peak queue ${(stats.peakQueuedBytes / 1024).toFixed(0)} KiB, ${stats.droppedFrames} frames dropped`,
    );

    // The reader got every byte, in order.
    const text = reader.messages
      .flatMap((m: ServerMessage) => (m.type === 'events' ? m.events.flatMap((e) => (e.type === 'chunk' ? [e.chunk] : [])) : []))
      .map((c) => (c.kind === 'text' ? c.text : ''))
      .join('');
    expect(text.length).toBe(total + Array.from({ length: batches }, (_, b) => `|${b}|`.length).reduce((a, b) => a + b, 0));

    // The stuck one costs at most its bounds (one frame of ~100 KB may overshoot the mark).
    const frame = 110 * 1024;
    expect(peakBuffered).toBeLessThanOrEqual(queueOptions.highWaterBytes + frame);
    expect(stats.peakQueuedBytes).toBeLessThanOrEqual(queueOptions.maxQueuedBytes);
    expect(stats.droppedBytes).toBeGreaterThan(total / 2);
    expect(stuckConnection.queue.isBehind).toBe(true);

    // It reads again: it gets a snapshot marked resync, not the backlog.
    (stuck.ws as unknown as { _socket: Socket })._socket.resume();
    server.feed.tick();
    const snapshot = await stuck.waitFor((m) => m.type === 'snapshot' && m.resync);
    expect(snapshot).toMatchObject({ type: 'snapshot', resync: true, sessions: [{ sessionId: 's-1' }] });
  });
});
