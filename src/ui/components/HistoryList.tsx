import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PastSession } from '../../protocol/past-sessions.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useValue } from '../hooks/use-observable.js';
import { usePersonaIcon } from '../hooks/use-persona-icon.js';
import { shortId } from '../lib/format.js';
import type { HistoryStore } from '../state/history-store.js';
import type { DashboardStore } from '../state/dashboard-store.js';
import { ListSearch } from './ListSearch.js';
import '../styles/history.css';

interface Props {
  store: DashboardStore;
  history: HistoryStore;
  /** The past session open in the chat pane. */
  selected: string | null;
  /** Opens a session: live ones in their chat, past ones read-only. */
  onOpen: (sessionId: string, live: boolean) => void;
  head?: ReactNode;
}

const PAUSE_MS = 250;

/** Every session in the project's logs, newest first, searchable; a page at a time. */
export function HistoryList({ store, history, selected, onOpen, head }: Props) {
  const state = useValue(history.state$);
  const [query, setQuery] = useState(state.query);
  const searchRef = useRef<HTMLInputElement>(null);
  const personaIcon = usePersonaIcon(store);

  // Read again each time the view is shown (sessions ended meanwhile), then as the query changes.
  useEffect(() => {
    const timer = setTimeout(() => void history.search(query), state.loaded ? PAUSE_MS : 0);
    return () => clearTimeout(timer);
  }, [history, query]);

  const ids = useMemo(() => state.sessions.map((s) => s.sessionId), [state.sessions]);
  const open = (sessionId: string) => onOpen(sessionId, history.get(sessionId)?.live === true);
  const { cursor, onSearchKey } = useListCursor(ids, selected, open, searchRef);

  return (
    <section className="pane list-pane history-pane" aria-label="History">
      <div className="pane-head">
        {head ?? <h2>History</h2>}
        <span className="muted history-total" data-testid="history-total">
          {state.loading && state.sessions.length > 0 ? 'searching… ' : ''}
          {state.loaded ? `${state.total} in the logs` : ''}
        </span>
      </div>
      <ListSearch
        inputRef={searchRef}
        value={query}
        onChange={setQuery}
        onKeyDown={onSearchKey}
        hint="bead, persona, backend, status, chat text"
        label="Search the past sessions"
        testId="history-search"
      />
      <div className="pane-body list" data-testid="history-list">
        {state.error && <div className="pane-warning">History: {state.error}</div>}
        {state.loaded && state.sessions.length === 0 && !state.loading && (
          <div className="empty">{state.query ? 'No past session matches the search.' : 'No sessions in this project’s logs yet.'}</div>
        )}
        {state.sessions.map((s) => (
          <PastRow key={s.sessionId} session={s} icon={personaIcon(s.persona)} selected={s.sessionId === selected} cursor={s.sessionId === cursor && cursor !== selected} onOpen={open} />
        ))}
        {state.loading && state.sessions.length === 0 && <div className="empty">Reading the logs…</div>}
        {state.partial && !state.loading && (
          <div className="empty small-text" data-testid="history-partial">
            The chats were searched up to a limit: older sessions may match too{state.nextBefore ? ' (load older to search on)' : ''}.
          </div>
        )}
        {state.nextBefore && !state.loading && (
          <div className="history-more">
            <button onClick={() => void history.loadMore()} data-testid="history-more">
              Load older sessions
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

interface RowProps {
  session: PastSession;
  icon: string;
  selected: boolean;
  cursor: boolean;
  onOpen: (sessionId: string) => void;
}

function PastRow({ session: s, icon, selected, cursor, onOpen }: RowProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected || cursor) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected, cursor]);
  const started = new Date(s.startedAt);
  const today = started.toDateString() === new Date().toDateString();
  const when = `${today ? '' : `${started.toLocaleDateString([], { month: 'short', day: 'numeric' })} `}${started.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
  return (
    <div
      ref={ref}
      className={`session-row past-row${selected ? ' active' : ''}${cursor ? ' cursor' : ''} label-${s.label.replace(/\s+/g, '-')}`}
      data-testid="past-row"
      data-session={s.sessionId}
      data-label={s.label}
      onClick={() => onOpen(s.sessionId)}
      role="button"
      aria-current={selected}
      title={`${s.beadId ?? 'no bead'}${s.beadTitle ? ` · ${s.beadTitle}` : ''} · ${s.persona} on ${s.backend} · ${s.label}${s.reason ? `: ${s.reason}` : ''}`}
    >
      <span className="persona-icon">{icon}</span>
      <div className="session-main">
        <div className="session-line1">
          <span className="bead-id">{s.beadId ?? shortId(s.sessionId)}</span>
          <span className="session-title">{s.beadTitle ?? (s.beadId ? '' : 'no bead')}</span>
          {s.live && <span className="live-mark">listed</span>}
        </div>
        <div className="session-line2 muted">
          <span className="past-label">{s.label}</span>
          <span>{s.backend}</span>
          <span title={`started ${started.toLocaleString()}`}>{when}</span>
          <span title="turns">T{s.turns}</span>
          {s.restarts > 0 && <span title="restarts">↻{s.restarts}</span>}
        </div>
        {s.excerpt && <div className="past-excerpt muted small-text">{s.excerpt}</div>}
      </div>
    </div>
  );
}
