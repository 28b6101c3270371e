/**
 * The supervisor and the session runner on virtual time, for state-machine tests: the real
 * Supervisor and SessionRunner, scripted agents, in-thread workers, a SimulatedClock. No thread, no
 * process, no sleep: time moves only when the test says so. One harness per test (cleaned after it).
 */
import { afterEach, expect } from 'vitest';
import { Supervisor } from '../../src/supervisor/supervisor.js';
import { replayLog } from '../../src/logs/replay.js';
import type { SessionEvent, SupervisorOptions } from '../../src/protocol/index.js';
import { SimulatedClock } from '../../src/time/clock.js';
import { ScriptedHost } from './scripted-agent.js';
import { inThreadLauncher } from './in-thread-worker.js';
import { tempProject, type TempProject } from './temp-project.js';

export interface Harness {
  project: TempProject;
  supervisor: Supervisor;
  clock: SimulatedClock;
  host: ScriptedHost;
  workers: ReturnType<typeof inThreadLauncher>['workers'];
  events: SessionEvent[];
  /** Lets what is due now run: deferred sends, batches, the supervisor's reactions (real file I/O included). */
  settle(): Promise<void>;
  /** Moves virtual time, then settles. */
  advance(ms: number): Promise<void>;
  until(what: string, predicate: () => boolean): Promise<void>;
}

let project: TempProject | undefined;
let harness: Harness | undefined;
afterEach(async () => {
  if (harness) await shutdownOnVirtualTime(harness.supervisor, harness.clock);
  harness = undefined;
  await project?.cleanup();
  project = undefined;
});

/** Stopping ends scripted agents at once; this lets the stop's own timers run. */
export async function shutdownOnVirtualTime(supervisor: Supervisor, clock: SimulatedClock): Promise<void> {
  const shutdown = supervisor.shutdown();
  for (let i = 0; i < 50 && !(await Promise.race([shutdown.then(() => true), new Promise((r) => setImmediate(() => r(false)))])); i += 1) clock.advance(10_000);
  await shutdown;
}

export async function makeHarness(options: Partial<SupervisorOptions> = {}, launcherOptions: { hangFirst?: boolean; deafFirst?: boolean } = {}): Promise<Harness> {
  project = await tempProject();
  const clock = new SimulatedClock(1_800_000_000_000);
  const host = new ScriptedHost();
  const { launch, workers } = inThreadLauncher(host, clock, launcherOptions);
  const supervisor = new Supervisor({
    projectRoot: project.root,
    childRegistryDir: project.childRegistryDir,
    clock,
    random: () => 0,
    launchWorker: launch,
    shutdownMs: 1_000,
    ...options,
  });
  const events: SessionEvent[] = [];
  supervisor.events$.subscribe((event) => {
    if (event.type === 'session-event') events.push(event.event);
  });
  const settle = async () => {
    for (let i = 0; i < 20; i += 1) {
      clock.advance(0);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const h: Harness = {
    project,
    supervisor,
    clock,
    host,
    workers,
    events,
    settle,
    async advance(ms) {
      clock.advance(ms);
      await settle();
    },
    async until(what, predicate) {
      const started = Date.now();
      while (!predicate()) {
        if (Date.now() - started > 10_000) throw new Error(`timed out waiting until ${what}`);
        await settle();
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    },
  };
  harness = h;
  return h;
}


/** What the log says once replayed, compared with what the supervisor says live. */
export async function expectReplayEqualsLive(h: Harness, id: string): Promise<void> {
  const live = h.supervisor.get(id)!;
  const { info } = await replayLog(live.logPath!, { isLive: () => true });
  expect(info).toEqual(live);
}

