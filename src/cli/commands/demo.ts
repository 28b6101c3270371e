import type { Command } from 'commander';
import { BACKEND_IDS, type BackendId } from '../../protocol/index.js';
import { startDemoSessions } from '../../demo/autostart.js';
import { driveDemoSessions, type DemoDriver } from '../../demo/demo-driver.js';
import { defaultDemoDir, writeDemoProject } from '../../demo/write-demo-project.js';
import { serveDashboard } from '../../server/serve-dashboard.js';
import { guardAgainstCrashes } from '../../server/crash-guard.js';
import { shutdownOnSignal } from '../shutdown-on-signal.js';
import { addSupervisionOptions, supervisionOptions, type SupervisionFlags } from '../supervision-options.js';
import { parseBackend } from '../option-parsers.js';
import { addDashboardOptions } from '../dashboard-options.js';

export interface DemoFlags extends SupervisionFlags {
  dir?: string;
  port?: number;
  host: string;
  backend: BackendId;
  open?: boolean;
  newToken?: boolean;
  autostart: boolean;
}

export function registerDemoCommand(program: Command): void {
  const command = program
    .command('demo')
    .description('the dashboard on a demo beads project with simulated agents: no setup, no API keys')
    .option('--dir <dir>', `where to write the demo project (default ${defaultDemoDir()})`)
    .option('--backend <id>', `default backend of new sessions: ${BACKEND_IDS.join(', ')}`, parseBackend, 'sim' as BackendId)
    .option('--no-autostart', "do not start the demo's own sessions (they keep working until a person writes to them)");
  addSupervisionOptions(addDashboardOptions(command)).action(async (flags: DemoFlags) => {
    await runDemo(flags);
  });
}

export async function runDemo(flags: Omit<DemoFlags, 'autostart'> & { autostart?: boolean }): Promise<void> {
  const demo = await writeDemoProject(flags.dir ?? defaultDemoDir());
  let driver: DemoDriver | undefined;
  const running = await serveDashboard({
    projectRoot: demo.root,
    host: flags.host,
    port: flags.port,
    defaultBackend: flags.backend,
    open: flags.open === true,
    newToken: flags.newToken === true,
    supervision: supervisionOptions(flags),
    afterStart: async (supervisor) => {
      const lines = [`  demo: ${demo.issueCount} beads ${demo.created ? 'written' : 'refreshed'} in ${demo.root}`];
      if (demo.git) lines.push('  demo: a git repository: each session works in its own worktree, its changes in the Changes tab');
      if (flags.autostart === false) return lines;
      const { started, errors } = await startDemoSessions(supervisor);
      driver = driveDemoSessions(supervisor, started.map((s) => s.sessionId));
      if (started.length > 0) {
        lines.push(`  demo: started ${started.length} simulated sessions by itself (${started.map((s) => s.beadId).join(', ')}); no API keys needed`);
        lines.push('  demo: they keep working until you write to one; one of them crashes now and then, and troupe restarts it');
      }
      for (const error of errors) lines.push(`  demo: could not start a session on ${error}`);
      return lines;
    },
  });
  shutdownOnSignal(running.supervisor, () => {
    driver?.stop();
    return running.server.close();
  });
  guardAgainstCrashes(() => {
    driver?.stop();
    return running.stop();
  });
}
