/**
 * Keeps a session's workspace changes current from inside its worker: recomputed after each tool
 * result and each turn (one computation at a time; asks that come meanwhile are folded into one
 * more), published only when they differ from the last ones published.
 */
import { messageOf } from '../errors/troupe-error.js';
import type { WorkspaceChanges, WorkspaceDiff, WorkspaceInfo } from '../protocol/workspace.js';
import { computeChanges, workspaceDiff } from '../workspaces/changes.js';

export interface WorkspaceProbe {
  changes(workspace: WorkspaceInfo): Promise<WorkspaceChanges>;
  diff(workspace: WorkspaceInfo): Promise<WorkspaceDiff>;
}

export const realWorkspaceProbe: WorkspaceProbe = {
  changes: async (workspace) => (await computeChanges(workspace)).changes,
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

  constructor(
    private readonly workspace: WorkspaceInfo,
    private readonly probe: WorkspaceProbe,
    private readonly events: WorkspaceWatchEvents,
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
    } while (this.again && !this.closed);
  }

  private publish(changes: WorkspaceChanges): void {
    const json = JSON.stringify(changes);
    if (json === this.lastJson) return;
    this.lastJson = json;
    this.events.changed(changes);
  }
}
