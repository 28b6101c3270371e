import type { SessionInfo } from '../../../protocol/session.js';
import { changesLabel } from '../../../session/workspace-words.js';
import './changes.css';

export type SessionTab = 'chat' | 'changes';

/** Chat | Changes, beside each other above a session's body. */
export function SessionTabs({ tab, onTab, info }: { tab: SessionTab; onTab: (tab: SessionTab) => void; info: SessionInfo }) {
  const counts = info.changes && info.changes.files > 0 ? ` (${changesLabel(info.changes)})` : '';
  return (
    <div className="session-tabs" role="tablist">
      <button role="tab" aria-selected={tab === 'chat'} className={tab === 'chat' ? 'on' : ''} onClick={() => onTab('chat')} data-testid="tab-chat">
        Chat
      </button>
      <button role="tab" aria-selected={tab === 'changes'} className={tab === 'changes' ? 'on' : ''} onClick={() => onTab('changes')} data-testid="tab-changes">
        Changes{counts}
      </button>
    </div>
  );
}
