/**
 * Start latency: from `supervisor.start()` to the session's first chunk on the main thread, with
 * warm worker threads, against spawning the same agent command directly and reading its first
 * stdout line. The two alternate, so both see the same machine.
 */
import { execa } from 'execa';
import { firstValueFrom } from 'rxjs';
import { simBackend } from '../backends/sim.js';
import { spreadOf, type Spread } from '../stress/percentiles.js';
import { settledRss } from '../stress/resources.js';
import { createRunDirs } from '../stress/run-dirs.js';
import { createSupervisor } from '../supervisor/create-supervisor.js';

export interface StartLatency {
  runs: number;
  troupeMs: Spread;
  directMs: Spread;
  /** Median of troupe minus median of the direct spawn. */
  overheadMs: number;
}

/** The agent's env for a one-chunk turn that starts writing at once. */
export function quickAgentEnv(stateDir: string): Record<string, string> {
  return { TROUPE_SIM_STATE_DIR: stateDir, TROUPE_SIM_CHUNKS: '1', TROUPE_SIM_TOOLS: '0', TROUPE_SIM_DELAY_MS: '0' };
}

/** Spawns the sim agent's command line as troupe would, and times the first stdout line. */
export async function directFirstLineMs(env: Record<string, string>, cwd: string): Promise<number> {
  const command = simBackend.commandLine({ prompt: 'Say hello.', mode: 'new', cwd });
  const started = performance.now();
  const child = execa(command.file, command.args, { cwd, env, stdin: 'ignore', buffer: false, reject: false });
  const firstLine = new Promise<number>((resolve) => {
    child.stdout!.on('data', function onData(data: Buffer) {
      if (data.includes(10)) {
        child.stdout!.off('data', onData);
        resolve(performance.now() - started);
      }
    });
  });
  const ms = await firstLine;
  child.stdout!.resume();
  await child;
  return ms;
}

export async function measureStartLatency(runs: number): Promise<StartLatency> {
  const dirs = await createRunDirs('troupe-bench-start-');
  const { supervisor } = await createSupervisor({ projectRoot: dirs.root, warmThreads: 2, shutdownMs: 2_000 });
  try {
    await settledRss(); // the warm threads are up once memory stops growing
    const env = quickAgentEnv(dirs.simStateDir);
    const troupe: number[] = [];
    const direct: number[] = [];
    // One of each first, unmeasured: the page cache and the JIT are warm for both.
    for (let i = -1; i < runs; i += 1) {
      const started = performance.now();
      const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'Say hello.', env });
      await firstValueFrom(supervisor.chunks(id));
      const troupeMs = performance.now() - started;
      await supervisor.whenSettled(id);
      // Ending the session gives its thread back to the pool, warm for the next start.
      await supervisor.terminate(id);
      const directMs = await directFirstLineMs(env, dirs.root);
      if (i >= 0) {
        troupe.push(troupeMs);
        direct.push(directMs);
      }
    }
    const troupeMs = spreadOf(troupe);
    const directMs = spreadOf(direct);
    return { runs, troupeMs, directMs, overheadMs: troupeMs.p50 - directMs.p50 };
  } finally {
    await supervisor.shutdown();
    await dirs.remove();
  }
}
