import type { Command } from 'commander';
import { BACKEND_IDS, type BackendId } from '../../protocol/index.js';
import { parseBackend } from '../option-parsers.js';
import { addDashboardOptions } from '../dashboard-options.js';
import { serveDashboard } from '../../server/serve-dashboard.js';
import { guardAgainstCrashes } from '../../server/crash-guard.js';
import { resolveProjectRoot } from '../project-root.js';
import { shutdownOnSignal } from '../shutdown-on-signal.js';
import { addSupervisionOptions, supervisionOptions, type SupervisionFlags } from '../supervision-options.js';
import { runDemo } from './demo.js';

interface ServeFlags extends SupervisionFlags {
  project?: string;
  port?: number;
  host: string;
  backend: BackendId;
  demo?: boolean;
  open?: boolean;
  newToken?: boolean;
}

export function registerServeCommand(program: Command): void {
  const command = program
    .command('serve')
    .description('serve the dashboard for a project: prints the URL to open, with its access token')
    .option('--project <dir>', 'project root (default: nearest folder holding .beads/, else the working directory)')
    .option('--backend <id>', `default backend of new sessions: ${BACKEND_IDS.join(', ')}`, parseBackend, 'claude' as BackendId)
    .option('--demo', 'serve the built-in demo project with simulated agents (same as troupe demo)');
  addSupervisionOptions(addDashboardOptions(command, 'address to bind; anything but loopback exposes the dashboard to the network')).action(async (flags: ServeFlags) => {
    if (flags.demo) {
      await runDemo({ ...flags, backend: command.getOptionValueSource('backend') === 'cli' ? flags.backend : 'sim', autostart: true });
      return;
    }
    const projectRoot = await resolveProjectRoot(flags.project);
    const running = await serveDashboard({
      projectRoot,
      host: flags.host,
      port: flags.port,
      defaultBackend: flags.backend,
      open: flags.open === true,
    newToken: flags.newToken === true,
      supervision: supervisionOptions(flags),
    });
    shutdownOnSignal(running.supervisor, () => running.server.close());
    guardAgainstCrashes(() => running.stop());
  });
}
