/** The baseline used by the benchmark must be correct too: same logs, nothing lost, nothing left. */
import { describe, expect, it } from 'vitest';
import { inThreadEngine } from '../../src/bench/in-thread-sessions.js';
import { runStress } from '../../src/stress/run-stress.js';
import { checkWorkload } from '../../src/stress/workload.js';


describe('the in-thread baseline', () => {
  it('runs turns with one process each, logging and delivering every chunk once', async () => {
    const report = await runStress({ engine: inThreadEngine, workload: checkWorkload({ sessions: 3, turns: 2, chunks: 8, rate: 200 }) });
    expect(report).toMatchObject({ engine: 'baseline', lost: 0, duplicated: 0, orphans: 0, untallied: 0, failed: 0, turns: 6 });
    expect(report.chunksReceived).toBe(report.chunksSent);
    expect(report.chunksLogged).toBe(report.chunksSent);
  });

  it('runs long-lived agents turn after turn on stdin, and stops them when the window closes', async () => {
    const report = await runStress({
      engine: inThreadEngine,
      workload: checkWorkload({ sessions: 2, turns: Infinity, chunks: 20, rate: 400, longLived: true }),
      window: { warmupMs: 50, windowMs: 400 },
    });
    expect(report).toMatchObject({ lost: 0, duplicated: 0, orphans: 0, failed: 0 });
    // Each agent process ran several turns: far more lines than one turn holds.
    expect(report.linesSent).toBeGreaterThan(2 * 22);
    expect(report.turns).toBeGreaterThan(2);
  });
});
