/**
 * Restart latency: an agent crashes after its first chunk; from the supervisor seeing the crash
 * (its session-restarting event) to the resumed agent's first chunk on the main thread, less the
 * backoff delay the policy chose. What is left is troupe's restart path plus the agent's own start.
 */
import { filter, firstValueFrom } from 'rxjs';
import { spreadOf, type Spread } from '../stress/percentiles.js';
import { settledRss } from '../stress/resources.js';
import { createRunDirs } from '../stress/run-dirs.js';
import { createSupervisor } from '../supervisor/create-supervisor.js';
import { quickAgentEnv } from './start-latency.js';

export interface RestartLatency {
  runs: number;
  backoffMs: number;
  /** Crash seen to the resumed agent's first chunk, minus the backoff delay. */
  beyondBackoffMs: Spread;
}

export async function measureRestartLatency(runs: number, backoffMs = 100): Promise<RestartLatency> {
  const dirs = await createRunDirs('troupe-bench-restart-');
  const { supervisor } = await createSupervisor({
    projectRoot: dirs.root,
    warmThreads: 2,
    shutdownMs: 2_000,
    restartPolicy: { minBackoffMs: backoffMs, maxBackoffMs: backoffMs, randomFactor: 0 },
  });
  try {
    await settledRss();
    const env = { ...quickAgentEnv(dirs.simStateDir), TROUPE_SIM_CHUNKS: '3', TROUPE_SIM_CRASH_AFTER: '1' };
    const beyond: number[] = [];
    for (let i = -1; i < runs; i += 1) {
      const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'Crash once, then carry on.', env });
      const restarting = firstValueFrom(
        supervisor.events$.pipe(filter((event) => event.type === 'session-restarting' && event.sessionId === id)),
      ).then((event) => ({ at: performance.now(), delayMs: event.type === 'session-restarting' ? event.delayMs : 0 }));
      const crash = await restarting;
      await firstValueFrom(supervisor.chunks(id));
      const ms = performance.now() - crash.at - crash.delayMs;
      const info = await supervisor.whenSettled(id);
      if (info.status !== 'idle' || info.restarts !== 1) throw new Error(`restart run ${i + 1}: expected one restart and an idle session, got ${info.status} after ${info.restarts}`);
      await supervisor.terminate(id);
      if (i >= 0) beyond.push(ms);
    }
    return { runs, backoffMs, beyondBackoffMs: spreadOf(beyond) };
  } finally {
    await supervisor.shutdown();
    await dirs.remove();
  }
}
