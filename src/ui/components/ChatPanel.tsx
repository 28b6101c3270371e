import { useEffect, useMemo, useState } from 'react';
import { useNow } from '../hooks/use-now.js';
import { useValue } from '../hooks/use-observable.js';
import { formatAge, formatCost, formatCount, shortId } from '../lib/format.js';
import { openPopout } from '../lib/popout.js';
import { indexBeads } from '../lib/session-labels.js';
import { sessionTone } from '../lib/session-tone.js';
import { usePersonaIcon } from '../hooks/use-persona-icon.js';
import { isLive, isWorking, statusLabel } from '../../session/live-status.js';
import type { DashboardStore } from '../state/dashboard-store.js';
import { ChatMessages } from './ChatMessages.js';
import { Composer } from './Composer.js';
import { PaneTabs, type PaneTab } from './PaneTabs.js';
import { StderrDrawer } from './StderrDrawer.js';
import { BypassBadge } from './PermissionBadges.js';
import { PermissionAnswerContext, type AnswerFn } from './PermissionCard.js';
import '../styles/chat-head.css';
import { ChangesPanel } from './changes/ChangesPanel.js';
import { changesLabel } from '../../session/workspace-words.js';

interface Props {
  store: DashboardStore;
  sessionId: string;
  /** In a pop-out window: no pop-out button. */
  popout?: boolean;
  /** Back to the list (on a phone, where one pane shows at a time). */
  onBack?: () => void;
}

export function ChatPanel({ store, sessionId, popout, onBack }: Props) {
  const sessions = useValue(store.sessions$);
  const info = sessions.get(sessionId);
  const chat = useMemo(() => store.chat(sessionId), [store, sessionId]);
  const state = useValue(chat.state$);
  const tree = useValue(store.tree$);
  const beads = useMemo(() => indexBeads(tree), [tree]);
  const now = useNow();
  const personaIcon = usePersonaIcon(store);
  const [tab, setTab] = useState('chat');
  const answer = useMemo<AnswerFn>(() => (requestId, reply) => store.answerPermission(sessionId, requestId, reply), [store, sessionId]);

  useEffect(() => setTab('chat'), [sessionId]);

  if (!info) {
    return (
      <section className="pane chat-pane">
        <div className="empty big">This session is gone: it was terminated, or troupe restarted. Its log is in the History.</div>
      </section>
    );
  }
  const bead = info.beadId ? beads.get(info.beadId) : undefined;
  const tone = sessionTone(info);
  const tokens = `${formatCount(info.totals.inputTokens)} in / ${formatCount(info.totals.outputTokens)} out tokens`;
  const tabs: PaneTab[] = [
    { id: 'chat', label: 'Chat' },
    { id: 'changes', label: `Changes${info.changes && info.changes.files > 0 ? ` (${changesLabel(info.changes)})` : ''}`, title: 'What the agent changed in its own worktree' },
    { id: 'stderr', label: `stderr${state.stderr.length > 0 ? ` ${state.stderr.length}` : ''}`, title: "The agent's stderr" },
  ];
  return (
    <section className="pane chat-pane" aria-label="Chat" data-testid="chat-panel" data-session={sessionId}>
      <div className="chat-head">
        {onBack && (
          <button className="chat-back small" onClick={onBack} aria-label="Back to the sessions" data-testid="chat-back">
            ‹
          </button>
        )}
        <span className="persona-icon big" title={info.persona}>
          {personaIcon(info.persona)}
        </span>
        <div className="chat-title">
          <div className="chat-title-line" title={`${info.beadId ?? 'no bead'}${bead ? `: ${bead.title}` : ''}`}>
            <span className="bead-id">{info.beadId ?? 'no bead'}</span> <span className="chat-bead-title">{bead?.title ?? ''}</span> <BypassBadge info={info} />
          </div>
          <div className="chat-detail muted small-text" data-testid="chat-detail">
            <span className={`chat-status status-fg-${tone}`} data-testid="chat-status">
              {statusLabel(info)}
            </span>
            <span className="chat-facts" title={`${info.persona} · ${info.backendId}${info.model ? ` (${info.model})` : ''}${info.task ? ` · ${info.task}` : ''} · started ${new Date(info.createdAt).toLocaleString()} · ${info.turns} turns · ${info.restarts} restarts · ${tokens}`}>
              {info.persona} · {info.backendId}
              {info.task ? ` · ${info.task}` : ''} · {formatAge(now - info.createdAt)} · T{info.turns}
              {info.restarts > 0 ? ` · ↻${info.restarts}` : ''}
            </span>
            <span className="chat-keep" data-testid="chat-cost-id">
              {formatCost(info.totals.costUsd)} ·{' '}
              <span className="chat-id" title={`troupe session ${info.sessionId}`}>
                {shortId(info.sessionId)}
              </span>
            </span>
          </div>
        </div>
        <div className="chat-actions">
          {isLive(info) && (
            <button className="small" onClick={() => store.stop(info.sessionId)} title="Stop the agent; the session stays listed">
              Stop
            </button>
          )}
          {!popout && (
            <button className="small popout-btn" onClick={() => openPopout(info.sessionId)} title="Open in its own window" data-testid="chat-popout">
              ↗ <span className="popout-word">Pop out</span>
            </button>
          )}
        </div>
      </div>
      {info.status === 'failed' && info.reason && <div className="pane-warning">Failed: {info.reason}</div>}
      {tone === 'turn-failed' && info.reason && (
        <div className="pane-warning" data-testid="turn-failed-note">
          The last turn failed: {info.reason}. Send another message to try again.
        </div>
      )}
      {info.status === 'restarting' && info.restart && (
        <div className="pane-note">
          Restarting (attempt {info.restart.attempt}) in {Math.round(info.restart.delayMs)} ms: {info.restart.reason}
        </div>
      )}
      <PaneTabs tabs={tabs} current={tab} onChange={setTab} />
      {tab === 'changes' && <ChangesPanel store={store} info={info} />}
      <div className="chat-body" hidden={tab === 'changes'}>
        <PermissionAnswerContext.Provider value={answer}>
          {tab === 'stderr' ? <StderrDrawer lines={state.stderr} /> : <ChatMessages store={store} chat={chat} sessionId={sessionId} streaming={isWorking(info.status)} />}
        </PermissionAnswerContext.Provider>
      </div>
      {/* Hidden, not unmounted, on the Changes tab: a draft survives the look at the diff. */}
      <div className={tab === 'changes' ? 'tab-hidden' : 'tab-contents'}>
        <Composer info={info} store={store} key={info.sessionId} />
      </div>
    </section>
  );
}
