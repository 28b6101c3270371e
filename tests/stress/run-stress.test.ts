/** A short stress run through the real Supervisor: correctness only (nothing lost, duplicated or left behind). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runStress } from '../../src/stress/run-stress.js';
import { checkWorkload } from '../../src/stress/workload.js';

let registry: string | undefined;
// Several sessions' worker threads and agents run at nice 19: beside two CPU hogs these runs took up to 31 s.
const HEAVY_TEST_MS = 120_000;
afterEach(async () => {
  if (registry) await rm(registry, { recursive: true, force: true });
  registry = undefined;
});

describe('runStress through troupe', () => {
  it('runs sessions with crashes and restarts; every line the agents wrote is logged and received once, no agent is left', async () => {
    registry = await mkdtemp(join(tmpdir(), 'troupe-stress-registry-'));
    const workload = checkWorkload({ sessions: 6, turns: 2, chunks: 12, rate: 200, crashRate: 0.5 });
    const report = await runStress({
      workload,
      supervision: { childRegistryDir: registry, shutdownMs: 2_000, restartPolicy: { minBackoffMs: 10, maxBackoffMs: 50, maxRestarts: 50 } },
    });

    expect(report.problems).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.orphans).toBe(0);
    expect(report.untallied).toBe(0);
    expect(report.failed).toBe(0);
    // 12 turns with a crash chance of one half each: some crashed and were restarted.
    expect(report.restarts).toBeGreaterThan(0);
    expect(report.turns).toBe(12);
    // Every turn ends with a result: three chunks (two usage, done) from one line.
    expect(report.chunksSent).toBeGreaterThan(report.linesSent);
    expect(report.chunksReceived).toBe(report.chunksSent);
    expect(report.chunksLogged).toBe(report.chunksSent);
    expect(report.latencyMs.samples).toBe(report.chunksReceived);
  }, HEAVY_TEST_MS);

  // Long-lived agents, as the bench runs them, also speak the control protocol (initialize, interrupt)
  // and echo the interrupt: lines that never become chunks, and are not counted as owed.
  it.each([false, true])('measures a window once every agent writes its reply, interrupts every turn when it closes, and loses nothing (long-lived: %s)', async (longLived) => {
    registry = await mkdtemp(join(tmpdir(), 'troupe-stress-registry-'));
    // Turns far longer than the run (100 s): only the window's end stops them.
    const workload = checkWorkload({ sessions: 3, chunks: 10_000, rate: 100, longLived });
    const report = await runStress({
      workload,
      supervision: { childRegistryDir: registry, shutdownMs: 2_000 },
      window: { warmupMs: 100, windowMs: 500 },
    });
    // Every session was writing its reply when the window opened, not only past its init line.
    expect(report.problems).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    expect(report.orphans).toBe(0);
    expect(report.turns).toBe(0);
    // Each session: its init chunk and at least one of its reply.
    expect(report.chunksReceived).toBeGreaterThanOrEqual(2 * 3);
    expect(report.chunksReceived).toBe(report.chunksSent);
    expect(report.chunksLogged).toBe(report.chunksSent);
    expect(report.measuredSec).toBeGreaterThan(0);
    // How many arrive inside the window is the machine's business: never more than were received.
    expect(Math.round(report.throughput * report.measuredSec)).toBeLessThanOrEqual(report.chunksReceived);
  }, HEAVY_TEST_MS);
});
