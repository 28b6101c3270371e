/**
 * What `troupe serve` and `troupe demo` run: a supervisor, the dashboard server over it, the URL
 * printed with its token, and a clean stop of every session on SIGINT/SIGTERM.
 */
import type { BackendId } from '../protocol/ids.js';
import { createSupervisor } from '../supervisor/create-supervisor.js';
import { terminalSafe } from '../text/terminal-safe.js';
import { describeReaped } from '../process/reap-report.js';
import { adoptInterruptedSessions } from '../supervisor/resume-from-log.js';
import type { SupervisorOptions } from '../supervisor/types.js';
import { createDashboardServices } from './create-services.js';
import { startDashboardServer, type DashboardServer } from './dashboard-server.js';
import { openInBrowser } from './open-browser.js';
import type { SupervisorApi } from '../supervisor/types.js';

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

export async function serveDashboard(options: ServeOptions): Promise<RunningDashboard> {
  const out = options.out ?? process.stdout;
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
    services = await createDashboardServices({ supervisor, projectRoot: options.projectRoot, defaultBackend: options.defaultBackend });
    const ready = services;
    server = await listen(options, (port) => startDashboardServer({ services: ready, host: options.host, port }));
  } catch (error) {
    services?.tree.close();
    await supervisor.shutdown();
    throw error;
  }
  const running = server;
  const lines = [`troupe dashboard for ${services.projectName} (${options.projectRoot})`, `  open: ${running.url}`];
  lines.push(...describeReaped(reaped).map((line) => `  ${line}`));
  if (adopted.length > 0) lines.push(`  ${adopted.length} interrupted session(s) from the logs are listed as stopped: revive them to continue`);
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
