/**
 * Session workers run in the test's own thread: the real SessionRunner with a scripted agent host,
 * the real log file, and the supervisor's injected clock. The supervisor's state machine is then
 * tested on virtual time, with no thread and no process. A worker can be killed to stand for a
 * worker thread that died.
 */
import type { SessionControlApi, WorkerDataBatch } from '../../src/protocol/worker-messages.js';
import type { SessionWorker, WorkerLauncher, WorkerOutcome } from '../../src/supervisor/session-worker-handle.js';
import type { Clock } from '../../src/time/clock.js';
import { FileEventLog } from '../../src/workers/session-log.js';
import { SessionRunner } from '../../src/workers/session-runner.js';
import type { ScriptedHost } from './scripted-agent.js';
import { agentPid, claimSession, giveUpUnclaimed, newWorkerSlot, tookOver } from '../../src/protocol/worker-slot.js';

export class InThreadWorker implements SessionWorker {
  readonly outcome: Promise<WorkerOutcome>;
  private gone: WorkerOutcome | null = null;
  private die!: (outcome: WorkerOutcome) => void;
  private readonly died: Promise<WorkerOutcome>;
  private readonly pidSlot = newWorkerSlot();
  readonly runner: SessionRunner;

  constructor(
    launch: Parameters<WorkerLauncher>,
    host: ScriptedHost,
    clock: Clock,
    /** A worker that never comes up (a stuck bootstrap): it never runs. */
    hung = false,
    /** A worker that is stuck once its session runs: a stop call never returns, and it never ends. */
    private readonly deaf = false,
  ) {
    const [spec, resume, onBatch] = launch;
    const died = new Promise<WorkerOutcome>((resolve) => {
      this.die = resolve;
    });
    this.died = died;
    this.runner = new SessionRunner(spec, resume, {
      clock,
      host,
      log: new FileEventLog(spec.logPath, spec.projectRoot),
      // Batches cross a thread boundary in the real thing: copied, and delivered later.
      post: (batch: WorkerDataBatch) => {
        if (this.gone) return;
        const copy = structuredClone(batch);
        queueMicrotask(() => onBatch(copy));
      },
      pidSlot: this.pidSlot,
      troupePid: process.pid,
    });
    const ended = deaf ? new Promise<WorkerOutcome>(() => {}) : this.runner.finished.then((reason): WorkerOutcome => ({ ended: true, reason }));
    this.outcome = Promise.race([ended, died]).then((outcome) => {
      // Like the real port, the end marker and last batch arrive before the task's result.
      return new Promise<WorkerOutcome>((resolve) =>
        queueMicrotask(() => {
          this.gone = outcome;
          resolve(outcome);
        }),
      );
    });
    // Like the real worker: it takes the session over before it touches anything (a hung one never does).
    if (!hung && claimSession(this.pidSlot)) this.runner.start();
  }

  /** The worker thread dies: nothing more leaves it; its agent is left running. */
  kill(error: string): void {
    this.gone ??= { ended: false, error };
    this.die({ ended: false, error });
  }

  get isGone(): boolean {
    return this.gone !== null;
  }

  async call<T>(invoke: (api: SessionControlApi) => Promise<T>): Promise<T> {
    if (this.gone) throw new Error('worker is gone');
    if (!this.deaf) return invoke(this.runner.api);
    const stuck = new Proxy(this.runner.api, { get: (api, name) => (name === 'stop' ? () => new Promise(() => {}) : Reflect.get(api, name)) });
    return Promise.race([invoke(stuck), this.died.then(() => Promise.reject(new Error('worker is gone')))]);
  }

  agentPid(): number {
    return agentPid(this.pidSlot);
  }

  /** Scripted agents are ended by their runner (its host); the main thread's group kill is tested on real processes. */
  takeAgent(): number {
    return 0;
  }

  get tookOver(): boolean {
    return tookOver(this.pidSlot);
  }

  giveUpUnlessStarted(reason: string): boolean {
    if (!giveUpUnclaimed(this.pidSlot)) return false;
    this.abort(reason);
    return true;
  }

  abort(reason: string): void {
    this.kill(reason);
  }

  /** Batches are delivered in microtasks queued before the outcome settles: none is left by then. */
  drain(): void {}

  close(): void {}
}

/** A launcher that keeps every worker it made, so a test can reach and kill them. */
export function inThreadLauncher(host: ScriptedHost, clock: Clock, options: { hangFirst?: boolean | number; deafFirst?: boolean } = {}) {
  const workers: InThreadWorker[] = [];
  // true: the first worker hangs; a number: that many first workers do.
  const hung = options.hangFirst === true ? 1 : (options.hangFirst || 0);
  const launch: WorkerLauncher = (...args) => {
    const worker = new InThreadWorker(args, host, clock, workers.length < hung, options.deafFirst === true && workers.length === 0);
    workers.push(worker);
    return worker;
  };
  return { launch, workers };
}
