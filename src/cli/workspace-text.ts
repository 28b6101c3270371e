/** How the CLI prints a workspace: its diff, its changes, the list of workspaces. All of it terminal safe. */
import type { WorkspaceDiff, WorkspaceFileChange, WorkspaceListing } from '../protocol/workspace.js';
import { WORKSPACE_LIST_WORDS } from '../session/workspace-words.js';
import { terminalSafe } from '../text/terminal-safe.js';

const STATUS_MARKS: Record<WorkspaceFileChange['status'], string> = { added: 'A', modified: 'M', deleted: 'D', renamed: 'R', untracked: '?' };

export function diffSummary(sessionId: string, diff: WorkspaceDiff): string {
  const { workspace, changes } = diff;
  const from = `${workspace.baseBranch ?? 'detached HEAD'} @ ${workspace.baseCommit.slice(0, 12)}`;
  const lines = [
    `session ${sessionId.slice(0, 8)} · branch ${workspace.branch} (from ${from}) · ${workspace.path}`,
    `+${changes.added} −${changes.removed}, ${changes.fileCount ?? changes.files.length} file(s) · ${changes.commits} commit(s)${changes.uncommitted ? ' · uncommitted changes' : ''}`,
    ...changes.files.map((file) => `  ${STATUS_MARKS[file.status]} ${file.oldPath ? `${file.oldPath} → ` : ''}${file.path}  ${file.binary ? 'binary' : `+${file.added} −${file.removed}`}`),
  ];
  if (changes.truncated) lines.push(`  … and ${(changes.fileCount ?? 0) - changes.files.length} more file(s)`);
  return terminalSafe(lines.join('\n'));
}

export function diffBody(diff: WorkspaceDiff): string {
  const text = terminalSafe(diff.diff);
  if (!diff.diffCut) return text;
  return `${text}… the diff was cut at ${Math.round(diff.diffLimitBytes / 1024)} KiB; the whole of it: git -C ${terminalSafe(diff.workspace.path)} diff ${diff.workspace.baseCommit}\n`;
}

export function worktreesTable(workspaces: readonly WorkspaceListing[]): string {
  if (workspaces.length === 0) return 'no workspaces: troupe has left nothing behind in this project\n';
  const rows = workspaces.map((w) => [
    w.sessionId ? w.sessionId.slice(0, 8) : '-',
    w.beadId ?? '-',
    w.branch ?? '-',
    WORKSPACE_LIST_WORDS[w.state],
    w.uncommitted > 0 ? `${w.uncommitted} uncommitted` : '',
    w.unmerged > 0 ? `${w.unmerged} unmerged` : '',
    w.note ?? '',
  ]);
  const header = ['session', 'bead', 'branch', 'state', 'files', 'commits', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return terminalSafe([format(header), ...rows.map(format)].join('\n')) + '\n';
}
