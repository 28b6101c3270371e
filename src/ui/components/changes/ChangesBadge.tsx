import type { SessionInfo } from '../../../protocol/session.js';
import { changesLabel, WORKSPACE_STATE_WORDS } from '../../../session/workspace-words.js';
import './changes.css';

type Counts = NonNullable<SessionInfo['changes']>;

/** `+120 −8, 5 files` for a session (or summed for a bead); its workspace's end when it has one. */
export function ChangesBadge({ changes, workspace, compact }: { changes?: Counts; workspace?: SessionInfo['workspace']; compact?: boolean }) {
  const state = workspace?.state;
  if (state && state !== 'active') {
    return (
      <span className={`changes-badge ws-${state}`} data-testid="changes-badge" title={WORKSPACE_STATE_WORDS[state]}>
        {state === 'left' && changes ? `${changesLabel(changes)} · left` : WORKSPACE_STATE_WORDS[state].split(' ')[0]}
      </span>
    );
  }
  if (!changes || changes.files === 0) return null;
  const files = `${changes.files} file${changes.files === 1 ? '' : 's'}`;
  const title = `${changesLabel(changes)} · ${changes.commits} commit(s)${changes.uncommitted ? ', uncommitted changes' : ''}`;
  return (
    <span className="changes-badge" data-testid="changes-badge" title={title}>
      <span className="added">+{changes.added}</span> <span className="removed">−{changes.removed}</span>
      {compact ? '' : `, ${files}`}
    </span>
  );
}

/** The counts of several sessions together (a bead and everything below it). */
export function sumChanges(list: readonly (Counts | undefined)[]): Counts | undefined {
  let sum: Counts | undefined;
  for (const c of list) {
    if (!c || c.files === 0) continue;
    sum = sum
      ? { files: sum.files + c.files, added: sum.added + c.added, removed: sum.removed + c.removed, commits: sum.commits + c.commits, uncommitted: sum.uncommitted || c.uncommitted }
      : { ...c };
  }
  return sum;
}
