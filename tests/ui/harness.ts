/** Starts the real troupe (compiled CLI, real supervisor, simulated agents) and Debian's chromium. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import WebSocket from 'ws';
import type { SessionInfo } from '../../src/protocol/session.js';
import { wsProtocols, type ServerMessage } from '../../src/protocol/wire.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'ui');
export const CHROMIUM = '/usr/bin/chromium';

export function requireBuild(): void {
  for (const file of ['dist/cli/main.js', 'dist/ui/index.html', 'dist/sim-agent/main.js', 'dist/workers/session-worker.js']) {
    if (!existsSync(join(REPO_ROOT, file))) throw new Error(`${file} is missing: run npm run build first`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
}

export interface RunningTroupe {
  url: string;
  origin: string;
  token: string;
  projectRoot: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Run on this demo folder again (e.g. a restart), instead of a fresh one. */
  projectRoot?: string;
  /** Flags for node itself, before the script (e.g. `--import` of a fault injector). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** Run `troupe serve --project <dir>` on this folder instead of the demo (sessions default to the sim backend). */
  serveProject?: string;
}

/** For an afterAll that closes the browser and stops troupe: beside two CPU hogs a stop took over 30 s. */
export const STOP_TIMEOUT_MS = 120_000;

/** `troupe demo` on a fresh folder, any free port (unless `--port` is in extraArgs); resolves once it printed its URL. */
export async function startTroupe(extraArgs: string[] = [], options: StartOptions = {}): Promise<RunningTroupe> {
  const projectRoot = options.serveProject ?? options.projectRoot ?? join(mkdtempSync(join(tmpdir(), 'troupe-ui-')), 'demo');
  const port = extraArgs.includes('--port') ? [] : ['--port', '0'];
  const what = options.serveProject ? ['serve', '--project', projectRoot, '--backend', 'sim'] : ['demo', '--dir', projectRoot];
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), join(REPO_ROOT, 'dist/cli/main.js'), ...what, ...port, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TROUPE_SIM_STATE_DIR: join(projectRoot, '..', 'sim-state'), ...options.env } },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = () => {
      const match = /open: (http:\/\/\S+)/.exec(out);
      if (match?.[1] && out.includes('Ctrl-C')) resolveUrl(match[1]);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`troupe exited (${code}) before printing its URL:\n${out}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
    projectRoot,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      // A troupe that does not stop must not outlive its test and load the rest of the run.
      const kill = setTimeout(() => child.kill('SIGKILL'), 90_000);
      await exited;
      clearTimeout(kill);
    },
  };
}

/** playwright gives every launch a fresh, temporary profile (its own --user-data-dir). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

/** Chromium with one page of a fresh context at the desktop size the screenshots use. */
export async function openBrowser(): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return { browser, context, page: await context.newPage() };
}

/** A command sent the way the page sends it (same origin, the token as a subprotocol); resolves with the reply. */
export async function command(troupe: RunningTroupe, body: Record<string, unknown>): Promise<Extract<ServerMessage, { type: 'reply' }>> {
  const ws = new WebSocket(`${troupe.origin.replace('http', 'ws')}/ws`, wsProtocols(troupe.token), { headers: { Origin: troupe.origin } });
  try {
    await new Promise<void>((ok, fail) => {
      ws.once('open', () => ok());
      ws.once('error', fail);
    });
    return await new Promise((ok) => {
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as ServerMessage;
        if (message.type === 'reply' && message.id === 1) ok(message);
      });
      ws.send(JSON.stringify({ ...body, id: 1 }));
    });
  } finally {
    ws.close();
  }
}

/** Starts a session as the page would; resolves with its id (throws with the server's error). */
export async function startSession(troupe: RunningTroupe, spec: Record<string, unknown>): Promise<string> {
  const reply = await command(troupe, { type: 'start', spec });
  if (!reply.ok) throw new Error(`start refused: ${reply.error.code} ${reply.error.message}`);
  return (reply.result as { sessionId: string }).sessionId;
}

/** The sessions troupe lists now. */
export async function listedSessions(troupe: RunningTroupe): Promise<SessionInfo[]> {
  const reply = await command(troupe, { type: 'list' });
  return reply.ok ? (reply.result as { sessions: SessionInfo[] }).sessions : [];
}

/** A page of a fresh context on troupe's URL, 1440×900 unless told. */
export async function dashboardPage(browser: Browser, troupe: RunningTroupe, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, ...options })).newPage();
  await page.goto(troupe.url);
  return page;
}
