import { useCallback, useEffect, useMemo, useState } from 'react';
import { parseDiff, type ViewType } from 'react-diff-view';
import type { SessionInfo } from '../../../protocol/session.js';
import type { WorkspaceFileChange } from '../../../protocol/workspace.js';
import { isSettledStatus } from '../../../session/live-status.js';
import { WORKSPACE_STATE_WORDS, workspaceOpen } from '../../../session/workspace-words.js';
import { loadJson, saveJson } from '../../lib/storage.js';
import type { DashboardStore } from '../../state/dashboard-store.js';
import { commitWorkspace, discardWorkspace, fetchWorkspaceDiff, keepWorkspace, mergeWorkspace, type ReviewedDiff } from '../../state/workspace-client.js';
import { DiffFile } from './DiffFile.js';
import './changes.css';

const VIEW_KEY = 'troupe.diff-view';
const STATUS_MARKS: Record<WorkspaceFileChange['status'], string> = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R', untracked: 'U' };

/** The Changes tab: what the session changed in its worktree, reviewed as a diff, and what to do with it. */
export function ChangesPanel({ store, info }: { store: DashboardStore; info: SessionInfo }) {
  const [diff, setDiff] = useState<ReviewedDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setViewState] = useState<ViewType>(() => loadJson<ViewType>(VIEW_KEY, 'unified'));
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const open = workspaceOpen(info);
  // New counts from the worker (after a tool call or a turn) bring a new diff.
  const changesKey = `${info.sessionId} ${JSON.stringify(info.changes ?? null)} ${info.workspace?.state ?? ''}`;

  const refresh = useCallback(async () => {
    if (!open) return;
    try {
      setDiff(await fetchWorkspaceDiff(store, info.sessionId));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [store, info.sessionId, open]);

  useEffect(() => {
    void refresh();
  }, [refresh, changesKey]);
  useEffect(() => {
    setMessage(null);
    setConfirming(false);
  }, [info.sessionId]);

  const files = useMemo(() => (diff && diff.diff.trim() !== '' ? parseDiff(diff.diff, { nearbySequences: 'zip' }) : []), [diff]);
  const setView = (next: ViewType) => {
    setViewState(next);
    saveJson(VIEW_KEY, next);
  };
  const run = async (action: () => Promise<boolean>) => {
    setBusy(true);
    try {
      if (await action()) {
        setConfirming(false);
        setMessage(null);
        await refresh();
      }
    } finally {
      setBusy(false);
    }
  };

  if (!info.workspace) {
    return (
      <div className="changes-pane empty big" data-testid="changes-panel">
        This session works in the project root: it has no workspace of its own (the project is not a git repository, or the session is read-only or started without
        one).
      </div>
    );
  }
  if (!open) {
    const state = info.workspace.state ?? 'active';
    return (
      <div className="changes-pane empty big" data-testid="changes-panel">
        Its workspace was {WORKSPACE_STATE_WORDS[state]}
        {state === 'kept' ? ` (branch ${info.workspace.branch})` : ''}.
      </div>
    );
  }
  const changes = diff?.changes;
  const working = !isSettledStatus(info.status) || info.status === 'waiting';
  const why = working ? 'the agent is working: wait for its turn to end, or stop it' : undefined;
  const pending = changes?.uncommitted === true;
  return (
    <div className="changes-pane" data-testid="changes-panel">
      <div className="changes-head">
        <div className="changes-where">
          <span className="changes-branch" title={info.workspace.path}>
            {info.workspace.branch}
          </span>{' '}
          <span className="muted">
            from {info.workspace.baseBranch ?? 'a detached HEAD'} @ {info.workspace.baseCommit.slice(0, 10)}
          </span>
          {changes && (
            <div className="muted small-text" data-testid="changes-summary">
              <span className="added">+{changes.added}</span> <span className="removed">−{changes.removed}</span> · {changes.fileCount ?? changes.files.length} file
              {(changes.fileCount ?? changes.files.length) === 1 ? '' : 's'} · {changes.commits} commit{changes.commits === 1 ? '' : 's'}
              {pending ? ' · uncommitted changes' : ''}
            </div>
          )}
        </div>
        <div className="changes-actions">
          <button className="small" onClick={() => setMessage(diff?.commitMessage ?? '')} disabled={busy || working || !pending} title={why ?? (pending ? 'Commit the uncommitted changes' : 'Nothing to commit')} data-testid="commit-button">
            Commit…
          </button>
          <button
            className="small primary"
            onClick={() => void run(() => mergeWorkspace(store, info.sessionId))}
            disabled={busy || working || pending || !changes || changes.commits === 0}
            title={why ?? (pending ? 'Commit the changes first' : `Merge into ${info.workspace.baseBranch ?? 'its base'}, then remove the worktree and branch`)}
            data-testid="merge-button"
          >
            Merge
          </button>
          <button className="small" onClick={() => void run(() => keepWorkspace(store, info.sessionId))} disabled={busy || working || pending} title={why ?? 'End the session, keep its branch, remove the worktree'} data-testid="keep-button">
            Keep branch
          </button>
          <button className="small danger" onClick={() => setConfirming(true)} disabled={busy || working} title={why ?? 'Remove the worktree and its branch'} data-testid="discard-button">
            Discard…
          </button>
          <span className="view-switch" role="group" aria-label="diff view">
            {(['unified', 'split'] as ViewType[]).map((v) => (
              <button key={v} className={`small${view === v ? ' on' : ''}`} onClick={() => setView(v)}>
                {v}
              </button>
            ))}
          </span>
        </div>
      </div>
      {message !== null && (
        <div className="changes-commit" data-testid="commit-form">
          <textarea value={message} onChange={(e) => setMessage(e.target.value)} rows={4} aria-label="commit message" />
          <button className="small primary" disabled={busy || message.trim() === ''} onClick={() => void run(() => commitWorkspace(store, info.sessionId, message))} data-testid="commit-confirm">
            Commit
          </button>
          <button className="small" onClick={() => setMessage(null)}>
            Cancel
          </button>
        </div>
      )}
      {confirming && changes && (
        <div className="changes-confirm pane-warning" data-testid="discard-confirm">
          <div>
            Discard removes the worktree and the branch <b>{info.workspace.branch}</b>. This is lost: {changes.commits} commit{changes.commits === 1 ? '' : 's'}
            {changes.files.length > 0 ? ` and the changes to ${changes.fileCount ?? changes.files.length} file(s):` : '.'}
          </div>
          {changes.files.length > 0 && (
            <ul>
              {changes.files.slice(0, 20).map((f) => (
                <li key={f.path}>{f.path}</li>
              ))}
              {changes.files.length > 20 && <li>… and {changes.files.length - 20} more</li>}
            </ul>
          )}
          <button className="small danger" disabled={busy} onClick={() => void run(() => discardWorkspace(store, info.sessionId))} data-testid="discard-confirm-button">
            Discard it all
          </button>
          <button className="small" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {error && <div className="pane-warning">Changes: {error}</div>}
      <div className="changes-body">
        {changes && changes.files.length > 0 && (
          <ul className="changes-files" data-testid="changes-files">
            {changes.files.map((f) => (
              <li key={f.path} data-testid="changed-file">
                <span className={`file-mark st-${f.status}`} title={f.status}>
                  {STATUS_MARKS[f.status]}
                </span>
                <span className="file-path">{f.oldPath ? `${f.oldPath} → ${f.path}` : f.path}</span>
                <span className="file-counts">{f.binary ? 'binary' : <><span className="added">+{f.added}</span> <span className="removed">−{f.removed}</span></>}</span>
              </li>
            ))}
            {changes.truncated && <li className="muted">… and {(changes.fileCount ?? 0) - changes.files.length} more files</li>}
          </ul>
        )}
        {!diff && !error && <div className="empty">Computing the changes…</div>}
        {diff && changes?.files.length === 0 && <div className="empty">No changes yet: the agent has not changed a file in its worktree.</div>}
        <div className="diff-files" data-testid="diff">
          {files.map((file) => (
            <DiffFile key={`${file.oldPath}→${file.newPath}`} file={file} view={view} />
          ))}
          {diff?.diffCut && (
            <div className="pane-note" data-testid="diff-cut">
              The diff was cut at {Math.round(diff.diffLimitBytes / 1024)} KiB. The whole of it: <code>troupe diff {info.sessionId.slice(0, 8)}</code>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
