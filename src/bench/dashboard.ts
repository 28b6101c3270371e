/**
 * Benchmark: the dashboard with N simulated sessions streaming at once. Measures the server's
 * memory (RSS of the troupe process, worker threads included, and its main-thread heap), the
 * bytes per second each kind of client receives on its WebSocket, and the browser's main-thread
 * busy time per second (Chrome's TaskDuration metric over CDP).
 * Run compiled after `npm run build`: `node dist/bench/dashboard.js [--sessions 50] [--seconds 20]`.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { distPath, PACKAGE_ROOT } from '../paths.js';
import { wsProtocols, type ServerMessage } from '../protocol/wire.js';

export interface DashboardBenchOptions {
  sessions: number;
  seconds: number;
  /** Text chunks per second of each simulated agent. */
  chunksPerSecond: number;
  chromium: string;
}

export interface DashboardBenchFigures {
  sessions: number;
  seconds: number;
  /** Agent chunks per second, all sessions, as the server counted them. */
  chunkRate: number;
  /** RSS of the troupe process (main thread, one worker thread per session), sampled each second. */
  serverRssMb: { start: number; peak: number; end: number };
  bandwidth: {
    /** The dashboard page: session list, stats, and the chunks of the one session it shows. */
    browserBytesPerSecond: number;
    /** A second client that shows no chat (list and stats only). */
    listOnlyBytesPerSecond: number;
    /** A client that streams 16 sessions (the most one client may watch). */
    watch16BytesPerSecond: number;
  };
  browser: {
    /** Seconds of main-thread tasks per second of wall time (0..1); stretched when the CPU is contended. */
    mainThreadBusyPerSecond: number;
    /** CPU milliseconds the renderer's main thread used per second. */
    mainThreadCpuMsPerSecond: number;
    scriptPerSecond: number;
    layoutPerSecond: number;
    jsHeapMb: number;
  };
}

const SIM_CHUNKS_PER_TURN = 100_000;

function parseArgs(argv: string[]): DashboardBenchOptions {
  const options: DashboardBenchOptions = { sessions: 50, seconds: 20, chunksPerSecond: 20, chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[i + 1]);
    if (argv[i] === '--sessions') options.sessions = value;
    else if (argv[i] === '--seconds') options.seconds = value;
    else if (argv[i] === '--rate') options.chunksPerSecond = value;
    else if (argv[i] === '--chromium') options.chromium = argv[i + 1] ?? options.chromium;
    else continue;
    i++;
  }
  for (const [name, v] of Object.entries({ sessions: options.sessions, seconds: options.seconds, rate: options.chunksPerSecond })) {
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  }
  return options;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** utime + stime of a /proc stat line, in clock ticks (100 per second on Linux). */
function cpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * CPU time of the renderers' main threads of the chromium started by this process:
 * unlike Chrome's TaskDuration it does not grow when the machine is busy with other work.
 */
async function rendererMainCpuMs(): Promise<number> {
  const parents = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (stat) parents.set(Number(name), ppid);
  }
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid), hops = 0; p !== undefined && hops < 10; p = parents.get(p), hops++) {
      if (p === process.pid) return true;
    }
    return false;
  };
  let ticks = 0;
  for (const pid of parents.keys()) {
    if (!descends(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.includes('--type=renderer') || cmdline.includes('--top-chrome-webui')) continue;
    // The renderer's main thread is the process's first thread (tid = pid).
    ticks += cpuTicks(await readFile(`/proc/${pid}/task/${pid}/stat`, 'utf8').catch(() => ''));
  }
  return ticks * 10;
}

/** A WebSocket client with the page's credentials that counts the bytes it receives. */
class CountingClient {
  bytes = 0;
  chunkRate = 0;
  private nextId = 1;
  private readonly waiters = new Map<number, (m: ServerMessage) => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.bytes += data.length;
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.type === 'stats') this.chunkRate = message.stats.chunkRate;
      if (message.type === 'reply' && typeof message.id === 'number') this.waiters.get(message.id)?.(message);
    });
  }

  static async open(origin: string, token: string): Promise<CountingClient> {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws`, wsProtocols(token), { headers: { Origin: origin } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new CountingClient(ws);
  }

  async request(body: Record<string, unknown>): Promise<unknown> {
    const id = this.nextId++;
    const reply = await new Promise<ServerMessage>((resolve) => {
      this.waiters.set(id, resolve);
      this.ws.send(JSON.stringify({ ...body, id }));
    });
    this.waiters.delete(id);
    if (reply.type !== 'reply' || !reply.ok) throw new Error(`command failed: ${JSON.stringify(reply)}`);
    return reply.result;
  }
}

export async function runDashboardBench(options: DashboardBenchOptions): Promise<DashboardBenchFigures> {
  const root = join(await mkdtemp(join(tmpdir(), 'troupe-bench-dash-')), 'demo');
  const child = spawn(
    process.execPath,
    [distPath('cli/main.js'), 'demo', '--dir', root, '--port', '0', '--no-autostart'],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TROUPE_SIM_STATE_DIR: join(root, '..', 'sim-state') } },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /open: (http:\/\/\S+)/.exec(out);
      if (match?.[1] && out.includes('Ctrl-C')) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`troupe exited (${code}):\n${out}`)));
  });
  const { origin } = new URL(url);
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token') ?? '';
  const pid = child.pid as number;
  const browser = await chromium.launch({
    executablePath: options.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  try {
    const control = await CountingClient.open(origin, token);
    const rssStart = await rssMb(pid);
    const delayMs = String(Math.round(1000 / options.chunksPerSecond));
    const ids: string[] = [];
    for (let i = 0; i < options.sessions; i++) {
      const result = (await control.request({
        type: 'start',
        spec: {
          backend: 'sim',
          persona: ['specialist', 'qa-engineer', 'product-manager'][i % 3],
          beadId: ['shop-1.1', 'shop-2.1', 'shop-3.1', 'shop-4.2', 'shop-6'][i % 5],
          env: { TROUPE_SIM_CHUNKS: String(SIM_CHUNKS_PER_TURN), TROUPE_SIM_DELAY_MS: delayMs, TROUPE_SIM_TOOLS: '0' },
        },
      })) as { sessionId: string };
      ids.push(result.sessionId);
    }

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable');
    let browserBytes = 0;
    cdp.on('Network.webSocketFrameReceived', (event: { response: { payloadData: string } }) => {
      browserBytes += Buffer.byteLength(event.response.payloadData);
    });
    await page.goto(url);
    await page.getByTestId('session-row').first().waitFor();
    await page.locator(`[data-testid="session-row"][data-session="${ids[0]}"]`).click();

    const listOnly = await CountingClient.open(origin, token);
    const watch16 = await CountingClient.open(origin, token);
    await watch16.request({ type: 'watch', sessionIds: ids.slice(0, 16) });

    // Let every session reach its stream before measuring.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const metrics = async () => {
      const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return Object.fromEntries(list.map((m) => [m.name, m.value]));
    };
    const m0 = await metrics();
    const cpu0 = await rendererMainCpuMs();
    const bytes0 = { browser: browserBytes, listOnly: listOnly.bytes, watch16: watch16.bytes };
    const t0 = Date.now();
    let rssPeak = rssStart;
    const rates: number[] = [];
    for (let s = 0; s < options.seconds; s++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      rssPeak = Math.max(rssPeak, await rssMb(pid));
      rates.push(listOnly.chunkRate);
    }
    const seconds = (Date.now() - t0) / 1000;
    const m1 = await metrics();
    const cpu1 = await rendererMainCpuMs();
    const rssEnd = await rssMb(pid);
    const per = (a: number, b: number) => (b - a) / seconds;
    const figures: DashboardBenchFigures = {
      sessions: options.sessions,
      seconds: Math.round(seconds),
      chunkRate: Math.round(rates.reduce((a, b) => a + b, 0) / Math.max(1, rates.length)),
      serverRssMb: { start: Math.round(rssStart), peak: Math.round(rssPeak), end: Math.round(rssEnd) },
      bandwidth: {
        browserBytesPerSecond: Math.round(per(bytes0.browser, browserBytes)),
        listOnlyBytesPerSecond: Math.round(per(bytes0.listOnly, listOnly.bytes)),
        watch16BytesPerSecond: Math.round(per(bytes0.watch16, watch16.bytes)),
      },
      browser: {
        mainThreadBusyPerSecond: Number(per(m0.TaskDuration ?? 0, m1.TaskDuration ?? 0).toFixed(3)),
        mainThreadCpuMsPerSecond: Math.round(per(cpu0, cpu1)),
        scriptPerSecond: Number(per(m0.ScriptDuration ?? 0, m1.ScriptDuration ?? 0).toFixed(3)),
        layoutPerSecond: Number(per(m0.LayoutDuration ?? 0, m1.LayoutDuration ?? 0).toFixed(3)),
        jsHeapMb: Math.round((m1.JSHeapUsedSize ?? 0) / 1e6),
      },
    };
    await page.screenshot({ path: join(PACKAGE_ROOT, 'test-artifacts', 'dashboard-bench.png') }).catch(() => undefined);
    listOnly.ws.close();
    watch16.ws.close();
    control.ws.close();
    return figures;
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await exited;
  }
}

function print(f: DashboardBenchFigures): void {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB/s`;
  console.log(`dashboard with ${f.sessions} simulated sessions streaming, ${f.seconds} s measured`);
  console.log(`  agent chunks/s, all sessions:        ${f.chunkRate}`);
  console.log(`  troupe process RSS (MB):             start ${f.serverRssMb.start}, peak ${f.serverRssMb.peak}, end ${f.serverRssMb.end} (one worker thread per session included)`);
  console.log(`  dashboard page WebSocket:            ${kb(f.bandwidth.browserBytesPerSecond)}`);
  console.log(`  list-only client:                    ${kb(f.bandwidth.listOnlyBytesPerSecond)}`);
  console.log(`  client watching 16 sessions:         ${kb(f.bandwidth.watch16BytesPerSecond)}`);
  console.log(`  browser main thread busy (tasks):    ${(f.browser.mainThreadBusyPerSecond * 1000).toFixed(0)} ms per s (script ${(f.browser.scriptPerSecond * 1000).toFixed(0)}, layout ${(f.browser.layoutPerSecond * 1000).toFixed(0)}); JS heap ${f.browser.jsHeapMb} MB`);
  console.log(`  browser main thread CPU:             ${f.browser.mainThreadCpuMsPerSecond} ms per s`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const options = parseArgs(process.argv.slice(2));
  const figures = await runDashboardBench(options);
  print(figures);
  const dir = join(PACKAGE_ROOT, 'bench', 'results');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'dashboard.json'), JSON.stringify(figures, null, 2) + '\n');
}
