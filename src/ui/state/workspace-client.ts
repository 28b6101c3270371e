/** The dashboard's workspace commands: review, commit, merge, discard, keep (WorkspaceCommand in the wire). */
import type { MergeOutcome, WorkspaceDiff } from '../../protocol/workspace.js';
import type { DashboardStore } from './dashboard-store.js';

export type ReviewedDiff = WorkspaceDiff & { commitMessage: string };

export function fetchWorkspaceDiff(store: DashboardStore, sessionId: string): Promise<ReviewedDiff> {
  return store.connection.request<ReviewedDiff>({ type: 'workspace-diff', sessionId });
}

/** Each action tells the person how it went (a toast); resolves true when it was done. */
export async function commitWorkspace(store: DashboardStore, sessionId: string, message: string): Promise<boolean> {
  return act(store, async () => {
    const { commit, files } = await store.connection.request<{ commit: string; files: number }>({ type: 'workspace-commit', sessionId, message });
    return `Committed ${files} file${files === 1 ? '' : 's'} (${commit.slice(0, 10)})`;
  });
}

export async function mergeWorkspace(store: DashboardStore, sessionId: string): Promise<boolean> {
  return act(store, async () => {
    const outcome = await store.connection.request<MergeOutcome>({ type: 'workspace-merge', sessionId });
    const how = outcome.kind === 'fast-forward' ? 'fast-forward' : outcome.kind === 'merge-commit' ? 'merge commit' : 'nothing new';
    return `Merged into ${outcome.baseBranch} (${how}, ${outcome.commit.slice(0, 10)}); the worktree and branch are removed`;
  });
}

export async function discardWorkspace(store: DashboardStore, sessionId: string): Promise<boolean> {
  return act(store, async () => {
    await store.connection.request({ type: 'workspace-discard', sessionId, confirm: true });
    return 'Discarded: the worktree and its branch are removed';
  });
}

export async function keepWorkspace(store: DashboardStore, sessionId: string): Promise<boolean> {
  return act(store, async () => {
    const { branch } = await store.connection.request<{ branch: string }>({ type: 'workspace-keep', sessionId });
    return `Kept the branch ${branch}; the worktree is removed`;
  });
}

async function act(store: DashboardStore, run: () => Promise<string>): Promise<boolean> {
  try {
    store.toast('info', await run());
    return true;
  } catch (error) {
    store.toast('error', (error as Error).message);
    return false;
  }
}
