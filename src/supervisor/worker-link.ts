import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Piscina } from 'piscina';
import type {
  ResolvedSessionSpec,
  SessionControlApi,
  StopReason,
  WorkerDataBatch,
  WorkerResumeState,
  WorkerTaskInput,
} from '../protocol/worker-messages.js';
import { installErrorTransfer } from '../errors/comlink-errors.js';
import { troupeError, messageOf } from '../errors/troupe-error.js';
import { agentPid, giveUpUnclaimed, newWorkerSlot, takeAgent, tookOver } from '../protocol/worker-slot.js';
import type { SessionWorker, WorkerOutcome } from './session-worker-handle.js';

/**
 * One session worker on a piscina thread: the task, the data port, the comlink control proxy, and
 * the shared slot holding the agent's pid.
 */
export class WorkerLink implements SessionWorker {
  readonly outcome: Promise<WorkerOutcome>;
  private readonly control: Comlink.Remote<SessionControlApi>;
  private readonly dataPort: MessagePort;
  private readonly controlPort: MessagePort;
  private readonly pidView: Int32Array;
  private gone: WorkerOutcome | null = null;
  private readonly goneSignal: Promise<never>;
  private readonly abortController = new AbortController();
  private abortReason: string | undefined;

  constructor(
    pool: Piscina,
    spec: ResolvedSessionSpec,
    resume: WorkerResumeState | undefined,
    private readonly onBatch: (batch: WorkerDataBatch) => void,
  ) {
    installErrorTransfer();
    const data = new MessageChannel();
    const control = new MessageChannel();
    this.pidView = newWorkerSlot();
    const pidSlot = this.pidView.buffer as SharedArrayBuffer;
    this.dataPort = data.port1;
    this.controlPort = control.port1;
    this.dataPort.on('message', (batch: WorkerDataBatch) => this.onBatch(batch));
    this.control = Comlink.wrap<SessionControlApi>(nodeEndpoint(this.controlPort));

    const task: WorkerTaskInput = { spec, dataPort: data.port2, controlPort: control.port2, pidSlot, resume };
    this.outcome = pool.run(task, { transferList: [data.port2, control.port2], signal: this.abortController.signal }).then(
      (result: { reason: StopReason }): WorkerOutcome => ({ ended: true, reason: result.reason }),
      // piscina rejects an aborted task with its own generic error: keep ours, it says why.
      (error: unknown): WorkerOutcome => ({ ended: false, error: this.abortReason ?? messageOf(error) }),
    );
    this.goneSignal = this.outcome.then((outcome) => {
      this.gone = outcome;
      throw outcome.ended
        ? troupeError('SESSION_ENDED', `session ${spec.sessionId} has ended`)
        : troupeError('WORKER_DEAD', `the worker thread of session ${spec.sessionId} died: ${outcome.error}`);
    });
    this.goneSignal.catch(() => {});
  }

  get tookOver(): boolean {
    return tookOver(this.pidView);
  }

  giveUpUnlessStarted(reason: string): boolean {
    if (!giveUpUnclaimed(this.pidView)) return false;
    this.abort(reason);
    return true;
  }

  abort(reason: string): void {
    this.abortReason ??= reason;
    this.abortController.abort(new Error(reason));
  }

  agentPid(): number {
    return agentPid(this.pidView);
  }

  takeAgent(): number {
    return takeAgent(this.pidView);
  }

  get isGone(): boolean {
    return this.gone !== null;
  }

  call<T>(invoke: (api: SessionControlApi) => Promise<T>): Promise<T> {
    if (this.gone) return this.goneSignal;
    return Promise.race([invoke(this.control as unknown as SessionControlApi), this.goneSignal]);
  }

  /**
   * Hands over every batch still queued on the data port, at once and in order. Whatever the
   * worker posted was queued before its task's end (or its thread's death) was known, its end
   * marker included, so nothing is left for close() to drop.
   */
  drain(): void {
    for (let next = receiveMessageOnPort(this.dataPort); next; next = receiveMessageOnPort(this.dataPort)) {
      this.onBatch(next.message as WorkerDataBatch);
    }
  }

  /** Releases the ports (call drain() first: items still queued are dropped). */
  close(): void {
    try {
      this.control[Comlink.releaseProxy]();
    } catch {
      // The proxy may already be released when the worker closed its side.
    }
    this.controlPort.close();
    this.dataPort.close();
  }
}
