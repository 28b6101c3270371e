/** What `troupe run` says of the session's workspace when it ends: where the work is and what to do with it. */
import type { SessionInfo } from '../protocol/session.js';
import { changesLabel } from '../session/workspace-words.js';

export function workspaceEnding(info: SessionInfo | undefined): string | null {
  const workspace = info?.workspace;
  if (!info || !workspace) return null;
  const id = info.sessionId.slice(0, 8);
  if (workspace.state === 'removed') return `the workspace held no changes and is removed (branch ${workspace.branch})`;
  if (workspace.state !== 'left') return null;
  const counts = info.changes ? ` (${changesLabel(info.changes)}${info.changes.uncommitted ? ', uncommitted' : ''})` : '';
  return `the work is in ${workspace.path} on ${workspace.branch}${counts}: troupe diff ${id}, then troupe commit / merge / discard ${id}`;
}
