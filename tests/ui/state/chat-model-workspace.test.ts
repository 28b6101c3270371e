import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/protocol/session-events.js';
import { buildItems } from '../../../src/ui/state/chat-model.js';
import { applySessionEvent } from '../../../src/session/apply-session-event.js';
import { createSessionState } from '../../../src/session/session-state.js';

const workspace = { path: '/p/.bp6/worktrees/x', branch: 'troupe/shop-1/0d2b8c3e', baseCommit: 'a'.repeat(40), baseBranch: 'main' };
const changes = { files: [{ path: 'a.ts', status: 'modified' as const, added: 3, removed: 1 }], added: 3, removed: 1, commits: 0, uncommitted: true };

describe('workspace events', () => {
  it('fold into the session: the counts, then its end', () => {
    let state = createSessionState({ sessionId: 's', persona: 'specialist', backendId: 'sim', createdAt: 0, workspace });
    state = applySessionEvent(state, { type: 'workspace-changed', changes, seq: 1, at: 1 });
    expect(state.info.changes).toEqual({ files: 1, added: 3, removed: 1, uncommitted: true, commits: 0 });
    state = applySessionEvent(state, { type: 'workspace-state', state: 'left', seq: 2, at: 2 });
    expect(state.info.workspace?.state).toBe('left');
    state = applySessionEvent(state, { type: 'resumed', by: 'user', troupePid: 1, seq: 3, at: 3 });
    expect(state.info.workspace?.state).toBe('active');
    state = applySessionEvent(state, { type: 'workspace-state', state: 'merged', commit: 'b'.repeat(40), seq: 4, at: 4 });
    expect(state.info.workspace).toEqual({ ...workspace, state: 'merged' });
  });

  it('show in the chat as a line of troupe, the counts only in the Changes tab', () => {
    const events: SessionEvent[] = [
      { type: 'workspace-changed', changes, seq: 1, at: 1 },
      { type: 'workspace-state', state: 'merged', commit: 'c0ffee'.padEnd(40, '0'), detail: 'fast-forward into main', seq: 2, at: 2 },
    ];
    expect(buildItems(events)).toEqual([{ kind: 'notice', key: 'w2', level: 'info', message: 'Workspace merged (c0ffee0000): fast-forward into main' }]);
  });
});
