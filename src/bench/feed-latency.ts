/**
 * Dashboard feed: the scale workload with the dashboard server on the same supervisor and one
 * WebSocket client in another process. Latency is from the agent's write to the client's receipt.
 */
import { execa } from 'execa';
import { distPath } from '../paths.js';
import { createDashboardServices } from '../server/create-services.js';
import { startDashboardServer } from '../server/dashboard-server.js';
import { spreadOf, type Spread } from '../stress/percentiles.js';
import type { StressReport } from '../stress/report.js';
import type { StressEngine } from '../stress/troupe-target.js';
import { createSupervisor } from '../supervisor/create-supervisor.js';
import type { Supervisor } from '../supervisor/supervisor.js';
import type { FeedSamples } from './feed-client.js';
import { scaleRun, type ScaleSpec } from './scale.js';

export interface FeedLatency {
  sessions: number;
  rate: number;
  watched: number;
  resyncs: number;
  /** Agent's write to the WebSocket client's receipt, watched sessions, in the window. */
  clientMs: Spread;
  /** The same run's figures at the subscriber on the main thread. */
  troupe: StressReport;
}

export async function measureFeedLatency(spec: ScaleSpec): Promise<FeedLatency> {
  let supervisor: Supervisor | null = null;
  const engine: StressEngine = {
    name: 'troupe + dashboard',
    async create({ projectRoot, sessions, supervision }) {
      ({ supervisor } = await createSupervisor({ projectRoot, ...supervision, maxSessions: Math.max(sessions, 1) }));
      return supervisor;
    },
  };
  let feed: FeedSamples = { samples: [], resyncs: 0, watched: 0 };
  let windowEpoch = { start: 0, end: 0 };
  const troupe = await scaleRun(spec, engine, {
    attach: async (view) => {
      const services = await createDashboardServices({ supervisor: supervisor!, projectRoot: view.projectRoot, defaultBackend: 'sim' });
      const server = await startDashboardServer({ services, host: '127.0.0.1', port: 0 });
      const client = execa(process.execPath, [distPath('bench/feed-client.js'), `ws://127.0.0.1:${server.port}/ws?token=${server.token}`], {
        stdin: 'pipe',
        buffer: false,
      });
      const lines: string[] = [];
      let pending = '';
      const opened = new Promise<void>((resolve, reject) => {
        client.stdout!.on('data', (data: Buffer) => {
          pending += data.toString('utf8');
          let newline = pending.indexOf('\n');
          while (newline !== -1) {
            lines.push(pending.slice(0, newline));
            pending = pending.slice(newline + 1);
            if (lines.at(-1) === 'open') resolve();
            newline = pending.indexOf('\n');
          }
        });
        client.catch(reject);
      });
      await opened;
      return async () => {
        windowEpoch = view.ledger.windowEpoch;
        client.stdin!.end();
        await client;
        feed = JSON.parse(lines.find((line) => line.startsWith('{')) ?? '{}') as FeedSamples;
        await server.close();
        services.tree.close();
      };
    },
  });
  const inWindow: number[] = [];
  for (let i = 0; i + 1 < feed.samples.length; i += 2) {
    const at = feed.samples[i]!;
    if (at >= windowEpoch.start && at <= windowEpoch.end) inWindow.push(feed.samples[i + 1]!);
  }
  return { sessions: spec.sessions, rate: spec.rate, watched: feed.watched, resyncs: feed.resyncs, clientMs: spreadOf(inWindow), troupe };
}
