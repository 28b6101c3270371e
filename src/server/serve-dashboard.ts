/**
 * What `troupe serve` and `troupe demo` run: a supervisor, the dashboard server over it, the URL
 * printed with its token, and a clean stop of every session on SIGINT/SIGTERM.
 */
import type { BackendId } from '../protocol/ids.js';
import { createSupervisor } from '../supervisor/create-supervisor.js';
import { terminalSafe } from '../text/terminal-safe.js';
import { describeReaped } from '../process/reap-report.js';
import { adoptFromLog, adoptInterruptedSessions } from '../supervisor/resume-from-log.js';
import type { SupervisorOptions } from '../supervisor/types.js';
import { createDashboardServices } from './create-services.js';
import { startDashboardServer, type DashboardServer } from './dashboard-server.js';
import { openInBrowser } from './open-browser.js';
import { createToken } from './token.js';
import { projectToken } from './token-store.js';
import { messageOf } from '../errors/troupe-error.js';
import type { SupervisorApi } from '../supervisor/types.js';
import { listWorkspaces } from '../workspaces/list.js';
import type { WorkspaceListing } from '../protocol/workspace.js';

export interface ServeOptions {
  projectRoot: string;
  host: string;
  /** Undefined: the default port, or any free one if it is taken. */
  port?: number;
  defaultBackend: BackendId;
  open: boolean;
  supervision?: Partial<SupervisorOptions>;
  /** Runs once the server listens, e.g. the demo's own sessions; returns lines to print. */
  afterStart?: (supervisor: SupervisorApi) => Promise<string[]>;
  out?: NodeJS.WritableStream;
  /** Replace the project's stored token (`--new-token`). */
  newToken?: boolean;
}

export const DEFAULT_PORT = 4780;

export interface RunningDashboard {
  server: DashboardServer;
  supervisor: SupervisorApi;
  /** Stops the server, then every session. */
  stop(): Promise<void>;
}

async function listen(options: ServeOptions, start: (port: number) => Promise<DashboardServer>): Promise<DashboardServer> {
  if (options.port !== undefined) {
    try {
      return await start(options.port);
    } catch (error) {
      if ((error as { code?: string }).code === 'EADDRINUSE') {
        throw new Error(`port ${options.port} on ${options.host} is in use: pick another with --port (0 = any free port)`);
      }
      throw error;
    }
  }
  try {
    return await start(DEFAULT_PORT);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    return start(0);
  }
}

/** The project's kept token and what to say about it; a token for this start only if it cannot be kept. */
async function dashboardToken(options: ServeOptions): Promise<{ token: string; note?: string }> {
  try {
    const kept = await projectToken(options.projectRoot, { rotate: options.newToken });
    if (options.newToken) return { token: kept.token, note: '  a new token: tabs opened with the old one must open this URL' };
    return { token: kept.token };
  } catch (error) {
    return { token: createToken(), note: `  could not keep the token (${messageOf(error)}): this one lasts until troupe stops` };
  }
}

/** What earlier troupes left in git: orphaned workspaces (a killed troupe), and work left with ended sessions. */
async function workspaceLines(projectRoot: string): Promise<string[]> {
  const { workspaces } = await listWorkspaces(projectRoot).catch(() => ({ workspaces: [] as WorkspaceListing[] }));
  const orphaned = workspaces.filter((w) => w.state === 'orphaned').length;
  const left = workspaces.filter((w) => w.state === 'left-with-changes').length;
  const lines: string[] = [];
  if (orphaned > 0) lines.push(`  ${orphaned} orphaned workspace(s) left by a troupe that was killed: \`troupe worktrees\` lists them, \`troupe worktrees prune\` removes the empty ones`);
  if (left > 0) lines.push(`  ${left} workspace(s) of ended sessions hold work: \`troupe worktrees\` lists them, \`troupe diff\` / \`merge\` / \`discard\` <session> handle them`);
  return lines;
}

export async function serveDashboard(options: ServeOptions): Promise<RunningDashboard> {
  const out = options.out ?? process.stdout;
  const { token, note } = await dashboardToken(options);
  const { supervisor, reaped } = await createSupervisor({
    projectRoot: options.projectRoot,
    defaultBackend: options.defaultBackend,
    ...options.supervision,
  });
  let server: DashboardServer | undefined;
  let services: Awaited<ReturnType<typeof createDashboardServices>> | undefined;
  // Sessions whose troupe died under them are listed again, stopped, ready to revive.
  const adopted = await adoptInterruptedSessions(supervisor, options.projectRoot);
  try {
    services = await createDashboardServices({
      supervisor,
      projectRoot: options.projectRoot,
      defaultBackend: options.defaultBackend,
      adoptLog: (logPath) => adoptFromLog(supervisor, logPath),
    });
    const ready = services;
    server = await listen(options, (port) => startDashboardServer({ services: ready, host: options.host, port, token }));
  } catch (error) {
    services?.tree.close();
    await supervisor.shutdown();
    throw error;
  }
  const running = server;
  const lines = [`troupe dashboard for ${services.projectName} (${options.projectRoot})`, `  open: ${running.url}`];
  if (note) lines.push(note);
  lines.push(...describeReaped(reaped).map((line) => `  ${line}`));
  if (adopted.length > 0) lines.push(`  ${adopted.length} interrupted session(s) from the logs are listed as stopped: revive them to continue`);
  lines.push(...(await workspaceLines(options.projectRoot)));
  if (options.afterStart) lines.push(...(await options.afterStart(supervisor)));
  lines.push('  Ctrl-C stops every session and the server.');
  out.write(terminalSafe(lines.join('\n')) + '\n'); // the project's name and reaped command lines are data
  if (options.open && !(await openInBrowser(running.url))) out.write('  (could not open a browser: open the URL above)\n');

  let stopping: Promise<void> | null = null;
  return {
    server: running,
    supervisor,
    stop() {
      stopping ??= (async () => {
        await running.close();
        services?.tree.close();
        await supervisor.shutdown();
      })();
      return stopping;
    },
  };
}
