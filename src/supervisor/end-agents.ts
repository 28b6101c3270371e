import { terminateProcessTrees } from '../process/kill-group.js';
import { unregisterChildAsync } from '../process/child-registry.js';
import type { SessionWorker } from './session-worker-handle.js';

/**
 * Ends the agents of sessions being stopped from the main thread, beside the stop call to each
 * worker, and forgets their registry entries once their groups are gone. Worker threads run at
 * nice 19: on a loaded machine a worker's own SIGTERM, /proc polling and group sweep waited for
 * CPU (20 sessions took 8-12 s to shut down beside two CPU hogs). Here every group gets SIGTERM at
 * once, one /proc scan per tick serves them all, SIGKILL after `graceMs`.
 */
export async function endAgents(workers: ReadonlyArray<SessionWorker | null>, graceMs: number, registryDir: string): Promise<void> {
  const pids = workers.flatMap((worker) => {
    const pid = worker?.takeAgent() ?? 0;
    return pid > 0 ? [pid] : [];
  });
  await terminateProcessTrees(pids, { graceMs });
  await Promise.all(pids.map((pid) => unregisterChildAsync(registryDir, pid)));
}
