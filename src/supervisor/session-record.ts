import { Subject } from 'rxjs';
import type { RestartPolicyConfig, SessionEvent, SessionInfo, SessionState } from '../protocol/index.js';
import type { ResolvedSessionSpec } from '../protocol/worker-messages.js';
import { isLiveStatus } from '../session/live-status.js';
import type { TimerHandle } from '../time/clock.js';
import type { RestartState } from './restart-policy.js';
import type { SessionWorker } from './session-worker-handle.js';

const STDERR_TAIL_LINES = 20;

/** Everything the supervisor keeps for one session: its folded state and the effects' bookkeeping. */
export class SessionRecord {
  readonly events$ = new Subject<SessionEvent>();
  readonly stderrTail: string[] = [];
  worker: SessionWorker | null = null;
  restartTimer: TimerHandle | null = null;
  /** A person or the shutdown asked it to stop: its exits are never restarted. */
  stopRequested = false;
  /** Events the supervisor decided before the session had a log: the next worker writes them. */
  backlog: SessionEvent[] = [];
  /** A turn was asked for (start, send, revive) and its user event has not arrived yet. */
  turnRequested = false;
  /** Permission requests whose answer is on its way to the worker. */
  readonly answering = new Set<string>();
  /** Permission requests already resolved (the newest few hundred) and by whom, to tell a late answer why it is refused. */
  readonly resolvedRequests = new Map<string, 'person' | 'policy' | 'cancelled'>();
  /** The person's own words of the latest turn (a suggested commit message starts from them). */
  lastWords: string | undefined;
  /** A worker of this troupe ran it (an adopted session only listed is not this troupe's to clean up). */
  ranHere = false;
  /** Resolves when the current worker's in-band end marker arrives. */
  endItem: Signal = signal();
  /** Resolves when the current worker is detached from this record (ended or died). */
  workerDetached: Signal = signal();
  private settleWaiters: Array<(info: SessionInfo) => void> = [];

  constructor(
    public state: SessionState,
    public spec: ResolvedSessionSpec,
    public policy: RestartPolicyConfig,
    public restartState: RestartState,
  ) {}

  get info(): SessionInfo {
    return this.state.info;
  }

  get isLive(): boolean {
    return isLiveStatus(this.state.info.status);
  }

  /** True when no turn is in flight or asked for: the session waits for a person or has ended. */
  get isSettled(): boolean {
    const { status } = this.state.info;
    return !this.turnRequested && (status === 'idle' || !isLiveStatus(status));
  }

  noteResolved(requestId: string, by: 'person' | 'policy' | 'cancelled'): void {
    this.resolvedRequests.set(requestId, by);
    if (this.resolvedRequests.size > 512) this.resolvedRequests.delete(this.resolvedRequests.values().next().value as string);
  }

  noteStderr(line: string): void {
    this.stderrTail.push(line);
    if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
  }

  whenSettled(): Promise<SessionInfo> {
    if (this.isSettled) return Promise.resolve(this.state.info);
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }

  /** Call after any change: releases the waiters once the session is settled. */
  checkSettled(): void {
    if (!this.isSettled || this.settleWaiters.length === 0) return;
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    for (const resolve of waiters) resolve(this.state.info);
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
