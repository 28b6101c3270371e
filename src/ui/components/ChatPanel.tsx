import { useEffect, useMemo, useRef, useState } from 'react';
import { useNow } from '../hooks/use-now.js';
import { useValue } from '../hooks/use-observable.js';
import { useScrollAnchor } from '../hooks/use-scroll-anchor.js';
import { formatAge, formatCost, formatCount, shortId } from '../lib/format.js';
import { openPopout } from '../lib/popout.js';
import { indexBeads } from '../lib/session-labels.js';
import { usePersonaIcon } from '../hooks/use-persona-icon.js';
import { isLive, isWorking, statusLabel } from '../../session/live-status.js';
import type { DashboardStore } from '../state/dashboard-store.js';
import { ChatItemView } from './ChatItems.js';
import { Composer } from './Composer.js';
import { StderrDrawer } from './StderrDrawer.js';
import { ChangesPanel } from './changes/ChangesPanel.js';
import { SessionTabs, type SessionTab } from './changes/SessionTabs.js';

interface Props {
  store: DashboardStore;
  sessionId: string;
  /** In a pop-out window: no pop-out button. */
  popout?: boolean;
}

const WINDOW = 150;

export function ChatPanel({ store, sessionId, popout }: Props) {
  const sessions = useValue(store.sessions$);
  const info = sessions.get(sessionId);
  const chat = useMemo(() => store.chat(sessionId), [store, sessionId]);
  const state = useValue(chat.state$);
  const tree = useValue(store.tree$);
  const beads = useMemo(() => indexBeads(tree), [tree]);
  const now = useNow();
  const personaIcon = usePersonaIcon(store);
  const [drawer, setDrawer] = useState(false);
  const [shown, setShown] = useState(WINDOW);
  const [tab, setTab] = useState<SessionTab>('chat');
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setShown(WINDOW);
  }, [sessionId]);

  const items = state.items;
  const start = Math.max(0, items.length - shown);
  const visible = items.slice(start);
  const last = visible[visible.length - 1];
  // The cursor sits on text that is still streaming, never on an earlier turn's.
  const liveTextKey = last?.kind === 'text' && last.open ? last.key : undefined;
  const streaming = info !== undefined && isWorking(info.status);

  // Stick to the bottom while the user is there; else keep what they read in place.
  const anchor = useScrollAnchor(scroller, [items, shown], sessionId);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    anchor.onScroll();
    if (el.scrollTop < 60) {
      if (start > 0) setShown((n) => n + WINDOW);
      else if (state.hasOlder && !state.loadingOlder) {
        // Room in the window for the page on its way: a full window would keep it hidden above,
        // and a user already at the top gets no scroll event to reveal it.
        setShown((n) => Math.max(n, items.length + WINDOW));
        void store.loadOlder(sessionId);
      }
    }
  };

  if (!info) {
    return (
      <section className="pane chat-pane">
        <div className="empty big">This session is gone: it was terminated, or troupe restarted.</div>
      </section>
    );
  }
  const bead = info.beadId ? beads.get(info.beadId) : undefined;
  return (
    <section className="pane chat-pane" aria-label="Chat" data-testid="chat-panel" data-session={sessionId}>
      <div className="chat-head">
        <span className="persona-icon big" title={info.persona}>
          {personaIcon(info.persona)}
        </span>
        <div className="chat-title">
          <div>
            <span className="bead-id">{info.beadId ?? 'no bead'}</span> <span className="chat-bead-title">{bead?.title ?? ''}</span>
          </div>
          <div className="muted small-text">
            <span className={`status-fg-${info.status}`} data-testid="chat-status">
              {statusLabel(info)}
            </span>
            {' · '}
            {info.persona} · {info.backendId}
            {info.task ? ` · ${info.task}` : ''} · {formatAge(now - info.createdAt)} · T{info.turns}
            {info.restarts > 0 ? ` · ↻${info.restarts}` : ''} · {formatCount(info.totals.inputTokens)}/{formatCount(info.totals.outputTokens)} tok ·{' '}
            {formatCost(info.totals.costUsd)} · <span title={info.sessionId}>{shortId(info.sessionId)}</span>
          </div>
        </div>
        <div className="chat-actions">
          <button className={`small${drawer ? ' on' : ''}`} onClick={() => setDrawer(!drawer)} data-testid="stderr-toggle" title="The agent's stderr">
            stderr{state.stderr.length > 0 ? ` ${state.stderr.length}` : ''}
          </button>
          {isLive(info) && (
            <button className="small" onClick={() => store.stop(info.sessionId)} title="Stop the agent; the session stays listed">
              Stop
            </button>
          )}
          {!popout && (
            <button className="small" onClick={() => openPopout(info.sessionId)} title="Open in its own window" data-testid="chat-popout">
              ↗ Pop out
            </button>
          )}
        </div>
      </div>
      {info.status === 'failed' && info.reason && <div className="pane-warning">Failed: {info.reason}</div>}
      {info.status === 'restarting' && info.restart && (
        <div className="pane-note">
          Restarting (attempt {info.restart.attempt}) in {Math.round(info.restart.delayMs)} ms: {info.restart.reason}
        </div>
      )}
      <SessionTabs tab={tab} onTab={setTab} info={info} />
      {tab === 'changes' && <ChangesPanel store={store} info={info} />}
      <div className="chat-body" hidden={tab !== 'chat'}>
        <div className="messages" ref={scroller} onScroll={onScroll} data-testid="messages">
          {(start > 0 || state.hasOlder) && (
            <div className="older">{state.loadingOlder ? 'Loading older…' : 'Scroll up for older messages'}</div>
          )}
          {!state.loaded && <div className="empty">Loading history…</div>}
          {state.error && <div className="pane-warning">History: {state.error}</div>}
          {visible.map((item) => (
            <ChatItemView key={item.key} item={item} streaming={streaming && item.key === liveTextKey} />
          ))}
          {streaming && <div className="typing" aria-label="the agent is working" />}
        </div>
        {drawer && <StderrDrawer lines={state.stderr} onClose={() => setDrawer(false)} />}
      </div>
      {/* Hidden, not unmounted, on the Changes tab: a draft survives the look at the diff. */}
      <div className={tab === 'chat' ? 'tab-contents' : 'tab-hidden'}>
        <Composer info={info} store={store} key={info.sessionId} />
      </div>
    </section>
  );
}

