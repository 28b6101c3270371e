/**
 * A dashboard client in its own process, as a browser tab would be: it watches the first
 * sessions it hears of (as many as one client may) and notes, for every chunk it receives, its
 * arrival time and its latency from the agent's own write. When its stdin closes it prints the
 * pairs as one JSON line and exits. Run: `node dist/bench/feed-client.js <ws-url>`.
 */
import WebSocket from 'ws';
import { MAX_WATCHED_SESSIONS, type ServerMessage } from '../protocol/wire.js';

export interface FeedSamples {
  /** Flat pairs: arrival (epoch ms), latency (ms). */
  samples: number[];
  /** Snapshots sent because this client fell behind (its backlog was dropped). */
  resyncs: number;
  watched: number;
}

function runClient(url: string): void {
  const ws = new WebSocket(url);
  const watched = new Set<string>();
  const result: FeedSamples = { samples: [], resyncs: 0, watched: 0 };
  let nextId = 1;
  const watch = (ids: string[]): void => {
    const before = watched.size;
    for (const id of ids) if (watched.size < MAX_WATCHED_SESSIONS) watched.add(id);
    if (watched.size !== before) ws.send(JSON.stringify({ type: 'watch', sessionIds: [...watched], id: nextId++ }));
  };
  ws.on('message', (data: Buffer) => {
    const now = performance.timeOrigin + performance.now();
    const message = JSON.parse(data.toString('utf8')) as ServerMessage;
    if (message.type === 'events') {
      for (const event of message.events) if (event.type === 'chunk' && event.emittedAt !== undefined) result.samples.push(now, now - event.emittedAt);
    } else if (message.type === 'snapshot') {
      if (message.resync) result.resyncs += 1;
      watch(message.sessions.map((info) => info.sessionId));
    } else if (message.type === 'sessions') {
      watch(message.upsert.map((info) => info.sessionId));
    }
  });
  ws.on('open', () => process.stdout.write('open\n'));
  ws.on('error', (error) => {
    process.stderr.write(`feed client: ${error.message}\n`);
    process.exit(1);
  });
  process.stdin.resume();
  process.stdin.on('end', () => {
    result.watched = watched.size;
    ws.close();
    process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
  });
}

runClient(process.argv[2] ?? '');
