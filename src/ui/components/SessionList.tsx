import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../protocol/session.js';
import type { WireBead } from '../../protocol/wire.js';
import { useNow } from '../hooks/use-now.js';
import { useListCursor } from '../hooks/use-list-cursor.js';
import { useValue } from '../hooks/use-observable.js';
import { useTextMatches } from '../hooks/use-text-matches.js';
import { formatAge, formatCost, shortId } from '../lib/format.js';
import { indexBeads, statusLabel } from '../lib/session-labels.js';
import { GROUP_LABELS, inGroup, type SessionGroup } from '../lib/session-groups.js';
import { matchesSearch, searchWords } from '../lib/session-search.js';
import { sessionTone } from '../lib/session-tone.js';
import { usePersonaIcon } from '../hooks/use-persona-icon.js';
import { needsAttention } from '../state/attention.js';
import type { DashboardStore } from '../state/dashboard-store.js';
import { openPopout } from '../lib/popout.js';
import { ApprovalBadge, BypassBadge, needsApproval } from './PermissionBadges.js';
import { ListSearch } from './ListSearch.js';
import '../styles/session-list.css';
import { ChangesBadge } from './changes/ChangesBadge.js';

type Filter = 'all' | 'running' | 'approval' | 'waiting' | 'failed';

interface Props {
  store: DashboardStore;
  onNew: () => void;
  /** A row was opened (click, Enter): make it the active session and show its chat. */
  onOpen: (sessionId: string) => void;
  /** What the pane's head starts with (the switch between this list and the history). */
  head?: ReactNode;
}

const FILTER_GROUPS: Record<Exclude<Filter, 'all' | 'approval'>, SessionGroup> = { running: 'running', waiting: 'idle', failed: 'failed' };
const FILTER_LABELS: Record<Filter, string> = { all: 'all', running: GROUP_LABELS.running, approval: 'approval', waiting: GROUP_LABELS.idle, failed: GROUP_LABELS.failed };

function matchesFilter(s: SessionInfo, filter: Filter): boolean {
  if (filter === 'all') return true;
  if (filter === 'approval') return s.status === 'waiting';
  return inGroup(s, FILTER_GROUPS[filter]);
}

export function SessionList({ store, onNew, onOpen, head }: Props) {
  const sessions = useValue(store.sessions$);
  const active = useValue(store.active$);
  const seen = useValue(store.seen$);
  const tree = useValue(store.tree$);
  const hello = useValue(store.hello$);
  const now = useNow();
  const [filter, setFilter] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const textMatches = useTextMatches(store, query);
  const beads = useMemo(() => indexBeads(tree), [tree]);
  const all = useMemo(() => [...sessions.values()].sort((a, b) => b.createdAt - a.createdAt), [sessions]);
  const found = useMemo(() => {
    const words = searchWords(query);
    const label = (persona: string) => hello?.personas.find((p) => p.id === persona)?.label;
    return all.filter((s) => matchesSearch(s, words, { beadTitle: s.beadId ? beads.get(s.beadId)?.title : undefined, personaLabel: label(s.persona) }, textMatches));
  }, [all, query, beads, hello, textMatches]);
  const shown = found.filter((s) => matchesFilter(s, filter));
  const ids = useMemo(() => shown.map((s) => s.sessionId), [shown]);
  const { cursor, onSearchKey } = useListCursor(ids, active, onOpen, searchRef);
  const counts: Record<Filter, number> = {
    all: found.length,
    running: found.filter((s) => matchesFilter(s, 'running')).length,
    approval: found.filter((s) => matchesFilter(s, 'approval')).length,
    waiting: found.filter((s) => matchesFilter(s, 'waiting')).length,
    failed: found.filter((s) => matchesFilter(s, 'failed')).length,
  };
  const terminate = (sessionId: string) => {
    // The neighbour in this list takes the active session's place, before it goes.
    if (sessionId === active) {
      const index = ids.indexOf(sessionId);
      const neighbour = ids[index + 1] ?? ids[index - 1];
      if (neighbour) store.select(neighbour);
    }
    store.terminate(sessionId);
  };
  return (
    <section className="pane list-pane" aria-label="Sessions">
      <div className="pane-head">
        {head ?? <h2>Sessions</h2>}
        <button className="primary small" onClick={onNew} data-testid="new-session" title="Start a session without a bead">
          + New
        </button>
      </div>
      <ListSearch
        inputRef={searchRef}
        value={query}
        onChange={setQuery}
        onKeyDown={onSearchKey}
        hint="bead, title, persona, status, chat text"
        label="Search the sessions"
        testId="session-search"
      />
      <div className="chips" role="tablist">
        {(['all', 'running', 'approval', 'waiting', 'failed'] as Filter[]).map((f) => (
          <button key={f} className={`chip${filter === f ? ' on' : ''}`} onClick={() => setFilter(f)} role="tab" aria-selected={filter === f} data-filter={f} title={f === 'approval' ? 'waiting for approval' : undefined}>
            {FILTER_LABELS[f]} <span className="chip-count">{counts[f]}</span>
          </button>
        ))}
      </div>
      <div className="pane-body list" data-testid="session-list">
        {shown.length === 0 && (
          <div className="empty">
            {all.length === 0 ? (
              <>
                No sessions yet. <b>+ New</b> starts a free one; a bead’s <b>+ session</b> starts one on it. Past sessions are in <b>History</b>.
              </>
            ) : query ? (
              'No session matches the search (the History searches every past one).'
            ) : (
              'No sessions match this filter.'
            )}
          </div>
        )}
        {shown.map((s) => (
          <SessionRow
            key={s.sessionId}
            info={s}
            bead={s.beadId ? beads.get(s.beadId) : undefined}
            active={s.sessionId === active}
            cursor={s.sessionId === cursor && cursor !== active}
            wants={needsAttention(s, seen)}
            now={now}
            store={store}
            onOpen={onOpen}
            onTerminate={terminate}
          />
        ))}
      </div>
    </section>
  );
}

interface RowProps {
  info: SessionInfo;
  bead: WireBead | undefined;
  active: boolean;
  cursor: boolean;
  wants: boolean;
  now: number;
  store: DashboardStore;
  onOpen: (sessionId: string) => void;
  onTerminate: (sessionId: string) => void;
}

const SessionRow = memo(function SessionRow({ info, bead, active, cursor, wants, now, store, onOpen, onTerminate }: RowProps) {
  const personaIcon = usePersonaIcon(store);
  const [confirming, setConfirming] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const title = bead?.title ?? (info.beadId ? '' : 'no bead');
  const tone = sessionTone(info);
  const label = info.status === 'restarting' && info.restart ? `restarting (attempt ${info.restart.attempt})` : statusLabel(info);
  // Selected from elsewhere (the tree, the keys, a terminate): brought into view.
  useEffect(() => {
    if (active || cursor) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active, cursor]);
  return (
    <div
      ref={ref}
      className={`session-row${active ? ' active' : ''}${cursor ? ' cursor' : ''}${wants ? ' wants' : ''} st-${info.status} tone-${tone}`}
      data-testid="session-row"
      data-session={info.sessionId}
      data-status={info.status}
      data-tone={tone}
      data-bead={info.beadId ?? ''}
      onClick={() => onOpen(info.sessionId)}
      role="button"
      aria-current={active}
      title={`${info.beadId ?? 'no bead'}${title && info.beadId ? ` · ${title}` : ''} · ${info.persona} · ${label}${info.reason && tone !== 'running' ? `: ${info.reason}` : ''}`}
    >
      <span className={`dot status-${tone}`} />
      <span className="persona-icon" title={info.persona}>
        {personaIcon(info.persona)}
      </span>
      <div className="session-main">
        <div className="session-line1">
          <span className="bead-id">{info.beadId ?? shortId(info.sessionId)}</span>
          <span className="session-title">{title}</span>
          <BypassBadge info={info} />
        </div>
        <div className="session-line2 muted">
          <span className="session-meta">
            <span className={`status-text status-fg-${tone}`} data-testid="session-status">
              {label}
            </span>
            <span>{info.backendId}</span>
            <span title="age">{formatAge(now - info.createdAt)}</span>
            <span title="turns">T{info.turns}</span>
            {info.restarts > 0 && <span title="restarts">↻{info.restarts}</span>}
            <span title="cost">{formatCost(info.totals.costUsd)}</span>
            <ChangesBadge changes={info.changes} workspace={info.workspace} compact />
          </span>
          {needsApproval(info) ? (
            <ApprovalBadge info={info} />
          ) : wants && (
            <span className={`unread${info.status === 'failed' || tone === 'turn-failed' ? ' failed' : ''}`} data-testid="unread">
              {info.status === 'failed' ? 'failed' : tone === 'turn-failed' ? 'turn failed' : 'needs you'}
            </span>
          )}
        </div>
      </div>
      <div className={`row-actions${confirming ? ' confirming' : ''}`} onClick={(e) => e.stopPropagation()}>
        {confirming ? (
          <span className="confirm">
            Terminate?
            <button className="danger small" onClick={() => onTerminate(info.sessionId)} data-testid="confirm-terminate">
              Yes
            </button>
            <button className="small" onClick={() => setConfirming(false)}>
              No
            </button>
          </span>
        ) : (
          <>
            <button className="icon-btn" title="Open in its own window" onClick={() => openPopout(info.sessionId)} data-testid="popout">
              ↗
            </button>
            <button className="icon-btn" title="Terminate this session" onClick={() => setConfirming(true)} data-testid="terminate">
              ✕
            </button>
          </>
        )}
      </div>
    </div>
  );
});
