/** The dashboard's services over the real supervisor, beads, logs, personas and backends. */
import { basename } from 'node:path';
import { detectBackends, getBackend } from '../backends/index.js';
import { MODEL_SUGGESTIONS } from '../backends/model-suggestions.js';
import { listPersonas } from '../personas/index.js';
import type { BackendId } from '../protocol/ids.js';
import type { BackendStatus, PersonaSummary } from '../protocol/wire.js';
import type { SupervisorApi } from '../supervisor/types.js';
import { watchBeadsTree } from './beads-tree-source.js';
import { limitConcurrency } from './concurrency-limit.js';
import { readHistory } from './log-history.js';
import { indexBeads } from './bead-index.js';
import { createPastSessions } from './past-sessions.js';
import type { DashboardServices } from './services.js';

export interface CreateServicesOptions {
  supervisor: SupervisorApi;
  projectRoot: string;
  defaultBackend: BackendId;
  /** Takes a session from its log into the supervisor (for the history view's Resume). */
  adoptLog?: (logPath: string) => Promise<string>;
}

async function backendStatuses(): Promise<BackendStatus[]> {
  const statuses = await detectBackends();
  return statuses.map((status) => {
    const plugin = getBackend(status.id);
    return {
      id: status.id,
      label: plugin.displayName,
      installed: status.installed,
      ...(status.version ? { version: status.version } : {}),
      models: [...MODEL_SUGGESTIONS[status.id]],
      ...(status.installed ? {} : { reason: status.error ?? `${plugin.binary} not found on PATH: ${plugin.installHint}` }),
    };
  });
}

async function personaSummaries(projectRoot: string): Promise<PersonaSummary[]> {
  const personas = await listPersonas(projectRoot);
  return personas.map((p) => ({
    id: p.id,
    label: p.displayName,
    icon: p.icon,
    description: p.description,
    defaultTask: p.defaultTask,
    tasks: p.tasks,
  }));
}

/** History reads the server runs at once, over every client (each may read and parse tens of megabytes). */
const HISTORY_READS_AT_ONCE = 2;

export async function createDashboardServices(options: CreateServicesOptions): Promise<DashboardServices> {
  const tree = await watchBeadsTree(options.projectRoot);
  const adoptLog = options.adoptLog;
  const titles = indexBeads(() => tree.current());
  return {
    supervisor: options.supervisor,
    projectRoot: options.projectRoot,
    projectName: basename(options.projectRoot),
    defaultBackend: options.defaultBackend,
    backends: backendStatuses,
    personas: () => personaSummaries(options.projectRoot),
    tree,
    history: limitConcurrency(HISTORY_READS_AT_ONCE, readHistory),
    ...(adoptLog
      ? { past: createPastSessions({ projectRoot: options.projectRoot, supervisor: options.supervisor, adoptLog, beadTitle: titles }) }
      : {}),
  };
}
