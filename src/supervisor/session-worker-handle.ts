import type {
  ResolvedSessionSpec,
  SessionControlApi,
  StopReason,
  WorkerDataBatch,
  WorkerResumeState,
} from '../protocol/worker-messages.js';

export type WorkerOutcome = { ended: true; reason: StopReason } | { ended: false; error: string };

/** The supervisor's end of one session worker, however it runs (a pool thread, or in-thread in tests). */
export interface SessionWorker {
  /** Settles when the worker is done: it ended the session, or it died. */
  readonly outcome: Promise<WorkerOutcome>;
  readonly isGone: boolean;
  /** A control call, raced against the worker's end so it can never hang on a dead thread. */
  call<T>(invoke: (api: SessionControlApi) => Promise<T>): Promise<T>;
  /** pid (= process group) of the live agent, valid even after the worker died; 0 when none. */
  agentPid(): number;
  /** Takes the live agent over to end it from the main thread (the worker then leaves its group alone); 0 when none. */
  takeAgent(): number;
  /**
   * Gives the worker up (aborts it, its outcome a death with this reason) unless it has taken its
   * session over (a flag in shared memory, not its first message, which may wait in a queue): one
   * that has is slow, not stuck, and is never dropped. A worker given up first never starts. True
   * when it was given up.
   */
  giveUpUnlessStarted(reason: string): boolean;
  /** The worker has taken its session over (then it, not the supervisor, writes the log). */
  readonly tookOver: boolean;
  /** Gives the worker up (queued or running): its outcome becomes a death with this reason. */
  abort(reason: string): void;
  /** Hands over, at once, every batch the worker posted that was not delivered yet (after its outcome). */
  drain(): void;
  /** Releases the channels once the worker is gone (after drain()). */
  close(): void;
}

export type WorkerLauncher = (
  spec: ResolvedSessionSpec,
  resume: WorkerResumeState | undefined,
  onBatch: (batch: WorkerDataBatch) => void,
) => SessionWorker;
