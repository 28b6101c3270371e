import { describe, expect, it } from 'vitest';
import { checkTargets } from '../../src/bench/targets.js';
import type { StressReport } from '../../src/stress/report.js';

function report(patch: Partial<StressReport>): StressReport {
  const spread = { p50: 1, p95: 2, p99: 3, max: 4, samples: 10 };
  return {
    engine: 'troupe', workload: { sessions: 1, turns: 1, chunks: 1, rate: 1, crashRate: 0, tools: 0, longLived: false }, sessions: 1, turns: 1, linesSent: 1,
    chunksSent: 1, chunksReceived: 1, chunksLogged: 1, lost: 0, duplicated: 0, restarts: 0, failed: 0, orphans: 0, untallied: 0, throughput: 1,
    latencyMs: spread, loopLagMs: { p50: 1, p99: 3, max: 4, samples: 10, timerP99: 3, timerMax: 4 }, peakRssMb: 1, rssPerSessionMb: 1, idleRssPerSessionMb: 1,
    cpu: { wallSec: 1, troupeSec: 1, mainThreadSec: 1, agentsSec: 1 }, measuredSec: 1, durationSec: 1, phases: {}, problems: [], ...patch,
  };
}

describe('checkTargets', () => {
  it('says by how much a target is missed', () => {
    const load = { sessions: 100, rate: 100, troupe: report({ latencyMs: { p50: 1, p95: 2, p99: 80, max: 90, samples: 10 }, idleRssPerSessionMb: 12 }), baseline: report({}) };
    const checks = checkTargets({ scale: [], load });
    const latency = checks.find((c) => c.target.includes('latency p99'));
    expect(latency).toMatchObject({ met: false, margin: 'missed by 30.0 ms (1.6x the limit)' });
    expect(checks.find((c) => c.target.includes('RSS'))).toMatchObject({ met: true, margin: '4.0 MB under' });
    expect(checks.find((c) => c.target.includes('0 lost'))).toMatchObject({ met: true });
  });

  it('compares the flood loop lag of troupe and the baseline as a ratio', () => {
    const flood = {
      sessions: 10, chunkBytes: 200,
      troupe: report({ loopLagMs: { p50: 0, p99: 4, max: 5, samples: 10, timerP99: 4, timerMax: 5 } }),
      baseline: report({ loopLagMs: { p50: 0, p99: 30, max: 50, samples: 10, timerP99: 30, timerMax: 50 } }),
      limit: { pipes: 10, lines: 1, bytes: 1, seconds: 1, linesPerSecond: 1, megabytesPerSecond: 1, fileBytes: 1 },
    };
    expect(checkTargets({ scale: [], flood }).find((c) => c.target.includes('5x lower'))).toMatchObject({ met: true, measured: '7.5x (4.0 ms vs 30.0 ms)' });
  });

  it('checks CPU per chunk against twice the baseline, throughput against the baseline and the limit, and idle cores', () => {
    // troupe 300 us per chunk (0.3 s for 1,000 chunks), the baseline 100 us: 3x, missed by 100 us.
    const row = (troupeSec: number, idleSec: number) => ({
      sessions: 100,
      rate: 20,
      troupe: report({ throughput: 1_000, cpu: { wallSec: 1, troupeSec, mainThreadSec: 0.1, agentsSec: 1 }, idle: { sessions: 100, agentsAlive: 100, cpu: { wallSec: 2, troupeSec: idleSec, mainThreadSec: 0, agentsSec: 0 } } }),
      baseline: report({ throughput: 1_000, cpu: { wallSec: 1, troupeSec: 0.1, mainThreadSec: 0.1, agentsSec: 1 } }),
    });
    const load = { ...row(0.15, 0), rate: 100, baseline: report({ throughput: 2_000, cpu: { wallSec: 1, troupeSec: 0.3, mainThreadSec: 0.1, agentsSec: 1 } }) };
    const checks = checkTargets({ scale: [row(0.3, 0.01)], load });
    expect(checks.find((c) => c.target === '100 x 20/s: CPU per chunk <= 2x the baseline')).toMatchObject({ met: false, measured: '3.0x (300 us vs 100 us)', margin: 'missed by 100 us per chunk (1.5x the limit)' });
    expect(checks.find((c) => c.target === '100 x 100/s: CPU per chunk <= 2x the baseline')).toMatchObject({ met: true });
    expect(checks.find((c) => c.target.includes('throughput >= 90%'))).toMatchObject({ met: false, measured: '50% (1000 of 2000/s)', margin: 'missed by 40 points' });
    expect(checks.find((c) => c.target.includes('idle'))).toMatchObject({ met: true, measured: '0.50%' });
  });
});
