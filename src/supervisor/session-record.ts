import { Subject } from 'rxjs';
import type { RestartPolicyConfig, SequencedChunk, SessionInfo, SessionStatus } from '../protocol/index.js';
import type { ResolvedSessionSpec } from '../protocol/worker-messages.js';
import { UsageAccumulator } from '../usage/usage-totals.js';
import type { RestartState } from './restart-policy.js';
import type { WorkerLink } from './worker-link.js';

const STDERR_TAIL_LINES = 20;

/** Everything the supervisor keeps for one session (metadata only; chunks pass through). */
export class SessionRecord {
  readonly chunks$ = new Subject<SequencedChunk>();
  readonly usage = new UsageAccumulator();
  readonly stderrTail: string[] = [];
  worker: WorkerLink | null = null;
  lastSeq = 0;
  restartTimer: unknown = null;
  /** A person or the shutdown asked it to stop: its exits are never restarted. */
  stopRequested = false;
  /** Resolves when the current worker's in-band end item arrives. */
  endItem: Signal = signal();
  /** Resolves when the current worker is detached from this record (ended or died). */
  workerDetached: Signal = signal();
  private settleWaiters: Array<(info: SessionInfo) => void> = [];

  constructor(
    public info: SessionInfo,
    public spec: ResolvedSessionSpec,
    public policy: RestartPolicyConfig,
    public restartState: RestartState,
  ) {}

  get status(): SessionStatus {
    return this.info.status;
  }

  get isLive(): boolean {
    return this.info.status !== 'stopped' && this.info.status !== 'failed';
  }

  /** True when no turn is in flight: the session waits for a person or has ended. */
  get isSettled(): boolean {
    return this.info.status === 'idle' || !this.isLive;
  }

  update(patch: Partial<SessionInfo>): void {
    this.info = { ...this.info, ...patch };
    if (this.isSettled) this.releaseWaiters();
  }

  noteStderr(line: string): void {
    this.stderrTail.push(line);
    if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
  }

  whenSettled(): Promise<SessionInfo> {
    if (this.isSettled) return Promise.resolve(this.info);
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }

  private releaseWaiters(): void {
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    for (const resolve of waiters) resolve(this.info);
  }
}

export interface Signal {
  readonly promise: Promise<void>;
  fire(): void;
}

/** A one-shot event to await. */
export function signal(): Signal {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}
