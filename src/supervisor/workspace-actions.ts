/**
 * What a person does with a session's workspace, from the dashboard or the CLI: review its diff,
 * commit, merge, discard, keep. Each is refused with the reason when it cannot be done (the agent
 * is working, work is not committed, the merge conflicts); a refused action changes nothing. The
 * git work runs here, async; the diff is computed by the session's worker (or a pool thread).
 */
import { stat } from 'node:fs/promises';
import { troupeError } from '../errors/troupe-error.js';
import type { SessionEventBody } from '../protocol/session-events.js';
import type { MergeOutcome, WorkspaceDiff, WorkspaceInfo } from '../protocol/workspace.js';
import { isLive, isSettledStatus } from '../session/live-status.js';
import { WORKSPACE_STATE_WORDS, workspaceOpen } from '../session/workspace-words.js';
import { commitWorkspace } from '../workspaces/commit.js';
import { assertWorkspaceCheckout } from '../workspaces/checkout-guard.js';
import { EVENT_FILES, trimChanges } from '../workspaces/changes.js';
import { reopenWorkspace } from '../workspaces/create.js';
import { mergeWorkspace } from '../workspaces/merge.js';
import { keepWorkspace, removeWorkspace } from '../workspaces/remove.js';
import { commitsBetween } from '../workspaces/repo.js';
import { fileSummary, uncommittedFiles } from '../workspaces/uncommitted.js';
import { suggestedCommitMessage } from './commit-message.js';
import type { SessionRecord } from './session-record.js';

/** The supervisor's side of the actions: its records, stopping one, logging for one without a worker. */
export interface WorkspaceHost {
  projectRoot: string;
  record(sessionId: string): SessionRecord;
  stop(record: SessionRecord): Promise<void>;
  /** Logs and folds an event of a session no worker runs. */
  publish(record: SessionRecord, body: SessionEventBody): Promise<void>;
  /** The diff of a workspace no worker watches, computed off the main thread. */
  diffOffThread(workspace: WorkspaceInfo): Promise<WorkspaceDiff>;
}

export interface WorkspaceApi {
  diff(sessionId: string): Promise<WorkspaceDiff & { commitMessage: string }>;
  commit(sessionId: string, message?: string): Promise<{ commit: string; files: number }>;
  merge(sessionId: string): Promise<MergeOutcome>;
  discard(sessionId: string): Promise<{ lost: { files: string[]; commits: number } }>;
  keep(sessionId: string): Promise<{ branch: string }>;
}

export class WorkspaceActions implements WorkspaceApi {
  constructor(private readonly host: WorkspaceHost) {}

  async diff(sessionId: string): Promise<WorkspaceDiff & { commitMessage: string }> {
    const record = this.host.record(sessionId);
    const workspace = this.openWorkspace(record);
    const worker = record.worker;
    const diff =
      worker && !worker.isGone
        ? await worker.call((api) => api.workspaceDiff())
        : await this.host.diffOffThread(workspace).then(async (computed) => {
            await this.noteChanges(record, computed);
            return computed;
          });
    return { ...diff, workspace: record.info.workspace ?? workspace, commitMessage: suggestedCommitMessage(record.info, record.lastWords ?? record.spec.prompt) };
  }

  async commit(sessionId: string, message?: string): Promise<{ commit: string; files: number }> {
    const record = this.host.record(sessionId);
    const workspace = this.openWorkspace(record);
    this.assertAgentStill(record, 'commit');
    const result = await commitWorkspace(workspace, message ?? suggestedCommitMessage(record.info, record.lastWords ?? record.spec.prompt));
    await this.diff(sessionId).catch(() => undefined); // the list shows the new counts
    return result;
  }

  async merge(sessionId: string): Promise<MergeOutcome> {
    const record = this.host.record(sessionId);
    const workspace = this.openWorkspace(record);
    this.assertAgentStill(record, 'merge');
    const outcome = await mergeWorkspace(this.host.projectRoot, workspace, `Merge ${workspace.branch} (troupe session ${record.info.sessionId.slice(0, 8)})`);
    await this.end(record, workspace, { type: 'workspace-state', state: 'merged', commit: outcome.commit, detail: `${outcome.kind} into ${outcome.baseBranch}` });
    return outcome;
  }

  async discard(sessionId: string): Promise<{ lost: { files: string[]; commits: number } }> {
    const record = this.host.record(sessionId);
    const workspace = this.openWorkspace(record);
    this.assertAgentStill(record, 'discard');
    // A worktree already deleted by hand holds nothing more to lose.
    const lost = await whatIsIn(workspace).catch(() => ({ files: [] as string[], commits: 0 }));
    await this.end(record, workspace, { type: 'workspace-state', state: 'discarded', detail: describeLoss(lost) });
    return { lost };
  }

  async keep(sessionId: string): Promise<{ branch: string }> {
    const record = this.host.record(sessionId);
    const workspace = this.openWorkspace(record);
    this.assertAgentStill(record, 'keep');
    await assertWorkspaceCheckout(workspace, { onBranch: true });
    const pending = await uncommittedFiles(workspace.path);
    if (pending.length > 0) {
      throw troupeError('WORKSPACE_REFUSED', `${pending.length} file(s) not committed (${fileSummary(pending)}): commit them first, or they would be lost with the worktree`);
    }
    await this.end(record, workspace, { type: 'workspace-state', state: 'kept', detail: `branch ${workspace.branch}` });
    return { branch: workspace.branch };
  }

  /**
   * An ended session lets its workspace go: an empty one is removed (a revival makes it again),
   * one holding work stays and is marked left. Terminating a session does this, and so does the
   * end of `troupe run`.
   */
  async release(sessionId: string): Promise<void> {
    const record = this.host.record(sessionId);
    const workspace = record.spec.worktree;
    if (!workspace || record.info.workspace?.state === 'left' || !workspaceOpen(record.info) || isLive(record.info)) return;
    let held: { files: string[]; commits: number } | null = null;
    try {
      held = await whatIsIn(workspace);
      if (held.files.length === 0 && held.commits === 0) {
        await removeWorkspace(this.host.projectRoot, workspace);
        await this.host.publish(record, { type: 'workspace-state', state: 'removed', detail: 'the session ended and its workspace held no changes' });
        return;
      }
    } catch {
      // Whatever failed, the worktree stays: it is marked left below.
    }
    const detail = held ? `the session ended with ${describeLoss(held)} in ${workspace.path}` : `the session ended; ${workspace.path} is kept`;
    await this.host.publish(record, { type: 'workspace-state', state: 'left', detail });
  }

  /** A revived session runs in its workspace again: one removed as empty is made again; a merged or discarded one cannot be. */
  async prepareRevival(record: SessionRecord): Promise<void> {
    const workspace = record.spec.worktree;
    if (!workspace) return;
    const state = record.info.workspace?.state ?? 'active';
    if (state === 'removed') {
      await reopenWorkspace(this.host.projectRoot, record.info.sessionId, workspace);
      await this.host.publish(record, { type: 'workspace-state', state: 'active', detail: 'made again from its base for the revived session' });
      return;
    }
    if (!workspaceOpen(record.info)) throw troupeError('WORKSPACE_REFUSED', `the session's workspace was ${WORKSPACE_STATE_WORDS[state]}: start a new session`);
    if (!(await stat(workspace.path).then((s) => s.isDirectory(), () => false))) {
      throw troupeError('WORKSPACE_REFUSED', `the session's worktree ${workspace.path} is gone: start a new session`);
    }
  }

  /** Stops the session if it still runs, removes the workspace (keeping the branch for keep), then says so in the log. */
  private async end(record: SessionRecord, workspace: WorkspaceInfo, body: Extract<SessionEventBody, { type: 'workspace-state' }>): Promise<void> {
    if (isLive(record.info)) await this.host.stop(record);
    if (body.state === 'kept') await keepWorkspace(this.host.projectRoot, workspace);
    else await removeWorkspace(this.host.projectRoot, workspace);
    await this.host.publish(record, body);
  }

  private async noteChanges(record: SessionRecord, diff: WorkspaceDiff): Promise<void> {
    const known = record.info.changes;
    const changes = trimChanges(diff.changes, EVENT_FILES);
    const files = changes.fileCount ?? changes.files.length;
    if (known && known.files === files && known.added === changes.added && known.removed === changes.removed && known.commits === changes.commits && known.uncommitted === changes.uncommitted) return;
    await this.host.publish(record, { type: 'workspace-changed', changes });
  }

  private openWorkspace(record: SessionRecord): WorkspaceInfo {
    const workspace = record.spec.worktree;
    const id = record.info.sessionId;
    if (!workspace) throw troupeError('NO_WORKSPACE', `session ${id} has no workspace of its own (it works in the project root)`);
    if (!workspaceOpen(record.info)) {
      throw troupeError('WORKSPACE_REFUSED', `the workspace of session ${id} was ${WORKSPACE_STATE_WORDS[record.info.workspace?.state ?? 'active']}`);
    }
    return workspace;
  }

  /** Refused while a turn runs: the agent would go on writing into what is being merged or removed. */
  private assertAgentStill(record: SessionRecord, action: string): void {
    const { status } = record.info;
    if (!isSettledStatus(status) || status === 'waiting' || record.turnRequested) {
      throw troupeError('WORKSPACE_REFUSED', `cannot ${action} while the agent works (session ${record.info.sessionId} is ${status}): wait for its turn to end, or stop it`);
    }
  }
}

async function whatIsIn(workspace: WorkspaceInfo): Promise<{ files: string[]; commits: number }> {
  await assertWorkspaceCheckout(workspace);
  const [files, commits] = await Promise.all([uncommittedFiles(workspace.path), commitsBetween(workspace.path, workspace.baseCommit, 'HEAD')]);
  return { files, commits };
}

function describeLoss(lost: { files: string[]; commits: number }): string {
  const parts: string[] = [];
  if (lost.files.length > 0) parts.push(`${lost.files.length} uncommitted file(s)`);
  if (lost.commits > 0) parts.push(`${lost.commits} commit(s)`);
  return parts.length > 0 ? parts.join(' and ') : 'no changes';
}
