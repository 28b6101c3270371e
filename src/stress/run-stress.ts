/**
 * A stress run: N simulated-agent sessions through a target (troupe's Supervisor by default),
 * measured while they run, then checked end to end: every line the agents wrote logged and
 * received once, no agent process left behind.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as wait } from 'node:timers/promises';
import type { SessionSpec } from '../protocol/index.js';
import type { SupervisorOptions } from '../supervisor/types.js';
import { driveSession, type SessionRun } from './drive-session.js';
import { ReceiveLedger } from './ledger.js';
import { LoopLagMonitor, type LoopLag } from './loop-lag.js';
import { leftoverProcesses } from './orphans.js';
import type { IdleFigures, StressReport } from './report.js';
import { collectGarbage, CpuMeter, MB, RssPeak, settledRss, type CpuFigures } from './resources.js';
import { createRunDirs } from './run-dirs.js';
import type { StressTarget } from './target.js';
import { troupeEngine, type StressEngine } from './troupe-target.js';
import { verifySession, type SessionVerdict } from './verify-session.js';
import { RUN_MARK_VARIABLE, simEnvFor, type Workload } from './workload.js';

export interface MeasureWindow {
  /** After every session streams, wait this long before measuring. */
  warmupMs: number;
  windowMs: number;
  /** Give up waiting for every session to stream after this long (then measure anyway). */
  streamWaitMs?: number;
  /**
   * Measure idle too: after the window, let every turn finish (no interrupt, so each long-lived
   * agent stays and waits for input), then measure the CPU for this long with every session idle.
   */
  idleMs?: number;
}

/** Turns still running this long after the window closed are interrupted (an idle measure waits for the others). */
const TURN_END_WAIT_MS = 30_000;

export interface RunView {
  target: StressTarget;
  /** Where the sessions run and log: the run's throwaway folder, or the project given. */
  projectRoot: string;
  ledger: ReceiveLedger;
  workload: Workload;
  startedAt: number;
}

export interface StressOptions {
  workload: Workload;
  /** Supervisor options beyond the project root: restart policy, grace, registry folder. */
  supervision?: Partial<SupervisorOptions>;
  engine?: StressEngine;
  /**
   * Measure a steady stretch (benchmarks): once every session streams and the warm-up passed,
   * measure for the window, then interrupt every turn. Without it the whole run is measured.
   */
  window?: MeasureWindow;
  /** Keep the run's folder (logs, tallies) and print where it is. */
  keep?: boolean;
  /**
   * Run the sessions in this project (its personas; their logs stay in its `.bp6/sessions`, as any
   * session's do) instead of the throwaway folder; the agents' state and tallies stay throwaway.
   */
  projectRoot?: string;
  /** Called once the target is up, e.g. for a live display; returns how to stop watching. */
  observe?: (view: RunView) => () => void;
  /**
   * Awaited once the target is up and before any session starts (e.g. a dashboard and its
   * client); what it returns is awaited after measuring, before the target shuts down.
   */
  attach?: (view: RunView) => Promise<() => Promise<void>>;
}

interface WindowFigures {
  lag: LoopLag;
  peakRss: number;
  cpu: CpuFigures;
  seconds: number;
}

const STREAM_WAIT_MS = 120_000;

/** Seconds spent in each phase of a run, for a person wondering where the time went. */
class PhaseClock {
  readonly seconds: Record<string, number> = {};
  private last = performance.now();

  mark(phase: string): void {
    const now = performance.now();
    this.seconds[phase] = Math.round(now - this.last) / 1000;
    this.last = now;
  }
}

/** True when `work` settled within `ms`. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  const timer = new AbortController();
  const done = await Promise.race([work.then(() => true), wait(ms, false, { signal: timer.signal }).catch(() => false)]);
  timer.abort();
  return done;
}

/** CPU of the target's process with every session idle, after a second for the last turn's work to drain. */
async function measureIdle(target: StressTarget, idleMs: number): Promise<IdleFigures> {
  await wait(1_000);
  const agentsAlive = agentPids(target).length;
  const meter = CpuMeter.begin([]);
  await wait(idleMs);
  const cpu = meter.end([]);
  return { sessions: target.list().length, agentsAlive, cpu };
}

/**
 * Ends each idle session's agent the way the window's end always did (a turn, interrupted), so the
 * shutdown that follows meets no live agent: a shutdown with live long-lived agents on a loaded
 * machine left a few workers that never reported `stopped` (see the issue 13 report).
 */
async function endIdleAgents(target: StressTarget, sessionIds: string[]): Promise<void> {
  await Promise.all(
    sessionIds.map(async (id) => {
      if (!target.get(id)?.pid) return;
      try {
        await target.send('That is all for now.', id);
        await target.interrupt(id);
        await target.whenSettled(id);
      } catch {
        // Ended meanwhile: nothing left to end.
      }
    }),
  );
}

function agentPids(target: StressTarget): number[] {
  return target.list().flatMap((info) => (info.pid ? [info.pid] : []));
}

export async function runStress(options: StressOptions): Promise<StressReport & { keptAt?: string }> {
  const workload = options.workload;
  const engine = options.engine ?? troupeEngine;
  const runId = randomUUID();
  const dirs = await createRunDirs();
  const startedAt = performance.now();
  let target: StressTarget | null = null;
  let stopObserving: (() => void) | undefined;
  try {
    const projectRoot = options.projectRoot ?? dirs.root;
    target = await engine.create({ projectRoot, sessions: workload.sessions, supervision: options.supervision });
    const live = target;
    const ledger = new ReceiveLedger();
    const rssBefore = await settledRss();
    const view: RunView = { target: live, projectRoot, ledger, workload, startedAt };
    stopObserving = options.observe?.(view);
    const detach = await options.attach?.(view);

    const lag = new LoopLagMonitor();
    const rss = new RssPeak();
    let cpu: CpuMeter | null = null;
    // The CPU readings sit outside the lag monitor's stretch, so their own cost is not counted as lag.
    const openWindow = (): void => {
      cpu = CpuMeter.begin(agentPids(live));
      ledger.openWindow();
      lag.start();
      rss.start();
    };
    const closeWindow = (): WindowFigures => {
      ledger.closeWindow();
      const figures = { lag: lag.stop(), peakRss: rss.stop(), seconds: ledger.windowSeconds };
      return { ...figures, cpu: cpu!.end(agentPids(live)) };
    };

    let stopping = false;
    const spec = (index: number): SessionSpec => ({
      backend: 'sim',
      persona: 'specialist',
      prompt: `Stress session ${index + 1}: work through the task and report as you go.`,
      longLived: workload.longLived,
      env: simEnvFor(workload, dirs, index, runId),
    });
    const ids = new Map<number, string>();
    if (!options.window) openWindow();
    const context = {
      target: live,
      workload,
      ledger,
      specFor: spec,
      deadline: workload.durationMs !== undefined ? performance.now() + workload.durationMs : undefined,
      stopping: () => stopping,
      onStarted: (index: number, sessionId: string) => ids.set(index, sessionId),
    };
    const phases = new PhaseClock();
    const sessionRuns = Array.from({ length: workload.sessions }, (_, index) => driveSession(context, index));
    const driving = Promise.all(sessionRuns);

    let figures: WindowFigures;
    const problems: string[] = [];
    if (options.window) {
      const { warmupMs, windowMs, streamWaitMs = STREAM_WAIT_MS } = options.window;
      // A session that ended before the window is one that failed: the others are measured.
      let ended = 0;
      for (const run of sessionRuns) void run.then(() => (ended += 1));
      const deadline = performance.now() + streamWaitMs;
      while (ledger.sessionsStreaming() + ended < workload.sessions && performance.now() < deadline) await wait(100);
      if (ended > 0) problems.push(`${ended} session(s) ended before the window opened`);
      if (ledger.sessionsStreaming() + ended < workload.sessions) problems.push('not every session was streaming when the window opened');
      if (ended < workload.sessions) await wait(warmupMs);
      phases.mark('startSec');
      openWindow();
      if (ended < workload.sessions) await wait(windowMs);
      figures = closeWindow();
      phases.mark('measureSec');
      stopping = true;
      const interruptAll = () => Promise.all([...ids.values()].map((id) => live.interrupt(id).catch(() => undefined)));
      if (options.window.idleMs === undefined) await interruptAll();
      else if (!(await settlesWithin(driving, TURN_END_WAIT_MS))) {
        problems.push(`turns still ran ${TURN_END_WAIT_MS / 1000} s after the window: interrupted, so the idle figure counts sessions without an agent`);
        await interruptAll();
      }
    }
    if (!options.window) phases.mark('startSec');
    const runs: SessionRun[] = await driving;
    phases.mark(options.window ? 'stopSec' : 'measureSec');
    let idle: IdleFigures | undefined;
    if (options.window?.idleMs !== undefined) {
      idle = await measureIdle(live, options.window.idleMs);
      await endIdleAgents(live, [...ids.values()]);
      phases.mark('idleSec');
    }

    if (!options.window) figures = closeWindow();
    collectGarbage();
    const rssIdle = process.memoryUsage.rss();
    const restarts = runs.reduce((sum, run) => sum + (run.sessionId ? (live.get(run.sessionId)?.restarts ?? 0) : 0), 0);
    const logPaths = new Map(runs.map((run) => [run.index, run.sessionId ? live.get(run.sessionId)?.logPath : undefined]));
    await detach?.();
    await live.shutdown();
    target = null;
    phases.mark('shutdownSec');

    const verdicts: SessionVerdict[] = [];
    for (const run of runs) {
      if (!run.sessionId) {
        problems.push(`session ${run.index + 1} did not start: ${run.reason ?? 'no reason given'}`);
        continue;
      }
      const receipts = ledger.track(run.sessionId);
      verdicts.push(await verifySession(`session ${run.index + 1}`, logPaths.get(run.index), dirs.tallyDir(run.index), receipts));
    }
    for (const run of runs) {
      if (run.status === 'failed') problems.push(`session ${run.index + 1} failed: ${run.reason ?? 'no reason given'}`);
    }
    phases.mark('verifySec');
    const orphans = await leftoverProcesses(RUN_MARK_VARIABLE, runId);
    phases.mark('orphanScanSec');
    if (orphans.length > 0) problems.push(`agent processes left after the run: ${orphans.slice(0, 10).join(', ')}`);
    const sum = (pick: (v: SessionVerdict) => number) => verdicts.reduce((total, v) => total + pick(v), 0);
    for (const verdict of verdicts) problems.push(...verdict.problems);

    const f = figures!;
    return {
      engine: engine.name,
      workload: { ...workload, turns: Number.isFinite(workload.turns) ? workload.turns : 'unlimited' },
      sessions: workload.sessions,
      turns: runs.reduce((total, run) => total + run.turns, 0),
      linesSent: sum((v) => v.linesSent),
      chunksSent: sum((v) => v.chunksSent),
      chunksReceived: [...ledger.sessions.values()].reduce((total, r) => total + r.seqs.size, 0),
      chunksLogged: sum((v) => v.chunksLogged),
      lost: sum((v) => v.lost),
      duplicated: sum((v) => v.duplicated),
      restarts,
      failed: runs.filter((run) => run.status === 'failed' || run.status === 'not-started').length,
      orphans: orphans.length,
      untallied: sum((v) => v.untallied),
      throughput: ledger.throughput,
      latencyMs: ledger.latency.spread(),
      loopLagMs: f.lag,
      peakRssMb: f.peakRss / MB,
      rssPerSessionMb: Math.max(0, f.peakRss - rssBefore) / MB / workload.sessions,
      idleRssPerSessionMb: Math.max(0, rssIdle - rssBefore) / MB / workload.sessions,
      cpu: f.cpu,
      ...(idle ? { idle } : {}),
      measuredSec: f.seconds,
      durationSec: (performance.now() - startedAt) / 1000,
      phases: phases.seconds,
      problems: problems.slice(0, 20),
      keptAt: options.keep ? dirs.root : undefined,
    };
  } finally {
    stopObserving?.();
    if (target) await target.shutdown().catch(() => undefined);
    if (!options.keep) await dirs.remove();
  }
}
