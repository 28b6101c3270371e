/**
 * Keeps a session's workspace changes current from inside its worker: recomputed after each tool
 * result and each turn (one computation at a time, at least MIN_GAP_MS apart; asks that come
 * meanwhile are folded into one more), published only when they differ from the last ones published.
 */
import { messageOf } from '../errors/troupe-error.js';
import type { WorkspaceChanges, WorkspaceDiff, WorkspaceInfo } from '../protocol/workspace.js';
import type { Clock, TimerHandle } from '../time/clock.js';
import { computeChanges, EVENT_FILES, trimChanges, workspaceDiff } from '../workspaces/changes.js';

/** Least time between two computations while tool results keep coming: git reads the whole worktree each time. */
export const MIN_GAP_MS = 1_000;

export interface WorkspaceProbe {
  changes(workspace: WorkspaceInfo): Promise<WorkspaceChanges>;
  diff(workspace: WorkspaceInfo): Promise<WorkspaceDiff>;
}

export const realWorkspaceProbe: WorkspaceProbe = {
  changes: async (workspace) => (await computeChanges(workspace, { maxFiles: EVENT_FILES })).changes,
  diff: (workspace) => workspaceDiff(workspace),
};

export interface WorkspaceWatchEvents {
  changed(changes: WorkspaceChanges): void;
  /** Told once per distinct failure (a worktree removed by hand, git missing). */
  failed(message: string): void;
}

export class WorkspaceWatch {
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private lastJson: string | null = null;
  private lastError: string | null = null;
  private settling = false;
  private gap: { timer: TimerHandle; wake: () => void } | null = null;

  constructor(
    private readonly workspace: WorkspaceInfo,
    private readonly probe: WorkspaceProbe,
    private readonly events: WorkspaceWatchEvents,
    private readonly clock: Clock,
  ) {}

  /** Asks for a new computation; never waits. */
  refresh(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** The computations asked for so far, and one more, are done; then nothing more is published. */
  async settle(): Promise<void> {
    if (this.closed) return;
    this.settling = true;
    this.endGap();
    this.refresh();
    while (this.running) await this.running;
    this.closed = true;
  }

  /** The diff now; its changes are published too when they are new. */
  async diff(): Promise<WorkspaceDiff> {
    const diff = await this.probe.diff(this.workspace);
    if (!this.closed) this.publish(diff.changes);
    return diff;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        const changes = await this.probe.changes(this.workspace);
        this.lastError = null;
        if (!this.closed) this.publish(changes);
      } catch (error) {
        const message = messageOf(error);
        if (message !== this.lastError && !this.closed) this.events.failed(message);
        this.lastError = message;
      }
      if (this.again && !this.closed && !this.settling) await this.pause();
    } while (this.again && !this.closed);
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.gap = null;
        resolve();
      };
      this.gap = { timer: this.clock.setTimeout(wake, MIN_GAP_MS), wake };
    });
  }

  private endGap(): void {
    if (!this.gap) return;
    this.clock.clearTimeout(this.gap.timer);
    this.gap.wake();
  }

  private publish(all: WorkspaceChanges): void {
    const changes = trimChanges(all, EVENT_FILES);
    const json = JSON.stringify(changes);
    if (json === this.lastJson) return;
    this.lastJson = json;
    this.events.changed(changes);
  }
}
