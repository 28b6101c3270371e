/** Tells a session's log that `troupe worktrees prune` removed its workspace (the log stays as ended as it was). */
import { findSessionLog } from '../logs/log-files.js';
import { replayLog } from '../logs/replay.js';
import type { SessionEvent } from '../protocol/session-events.js';
import type { WorkspaceListing } from '../protocol/workspace.js';
import { appendToSessionLog } from '../supervisor/own-log.js';

export async function noteWorkspaceRemoved(projectRoot: string, workspace: WorkspaceListing): Promise<void> {
  if (!workspace.sessionId || workspace.state === 'live') return;
  const path = await findSessionLog(projectRoot, workspace.sessionId).catch(() => null);
  if (!path) return;
  const replay = await replayLog(path);
  // A session some troupe runs right now is that troupe's to write.
  if (!replay.state.ended && !replay.interrupted) return;
  const state = workspace.state === 'merged' ? 'merged' : workspace.state === 'empty' ? 'removed' : 'discarded';
  const event = { type: 'workspace-state', state, detail: 'removed by troupe worktrees prune', seq: replay.state.session.lastSeq + 1, at: Date.now() } as SessionEvent;
  await appendToSessionLog(path, [event]);
}
