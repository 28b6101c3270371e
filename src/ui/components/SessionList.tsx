import { memo, useMemo, useState } from 'react';
import type { SessionInfo } from '../../protocol/session.js';
import type { WireBead } from '../../protocol/wire.js';
import { useNow } from '../hooks/use-now.js';
import { useValue } from '../hooks/use-observable.js';
import { formatAge, formatCost, shortId } from '../lib/format.js';
import { indexBeads, statusLabel } from '../lib/session-labels.js';
import { usePersonaIcon } from '../hooks/use-persona-icon.js';
import { needsAttention } from '../state/attention.js';
import type { DashboardStore } from '../state/dashboard-store.js';
import { openPopout } from '../lib/popout.js';
import { ChangesBadge } from './changes/ChangesBadge.js';

type Filter = 'all' | 'running' | 'waiting' | 'failed';

interface Props {
  store: DashboardStore;
  onNew: () => void;
}

function matchesFilter(s: SessionInfo, filter: Filter): boolean {
  if (filter === 'all') return true;
  if (filter === 'running') return s.status === 'running' || s.status === 'starting' || s.status === 'restarting';
  if (filter === 'waiting') return s.status === 'idle';
  return s.status === 'failed';
}

export function SessionList({ store, onNew }: Props) {
  const sessions = useValue(store.sessions$);
  const active = useValue(store.active$);
  const seen = useValue(store.seen$);
  const tree = useValue(store.tree$);
  const now = useNow();
  const [filter, setFilter] = useState<Filter>('all');
  const beads = useMemo(() => indexBeads(tree), [tree]);
  const all = useMemo(() => [...sessions.values()].sort((a, b) => b.createdAt - a.createdAt), [sessions]);
  const shown = all.filter((s) => matchesFilter(s, filter));
  const counts: Record<Filter, number> = {
    all: all.length,
    running: all.filter((s) => matchesFilter(s, 'running')).length,
    waiting: all.filter((s) => matchesFilter(s, 'waiting')).length,
    failed: all.filter((s) => matchesFilter(s, 'failed')).length,
  };
  return (
    <section className="pane list-pane" aria-label="Sessions">
      <div className="pane-head">
        <h2>Sessions</h2>
        <span className="muted">{all.length}</span>
        <button className="primary small" onClick={onNew} data-testid="new-session" title="Start a session without a bead">
          + New
        </button>
      </div>
      <div className="chips" role="tablist">
        {(['all', 'running', 'waiting', 'failed'] as Filter[]).map((f) => (
          <button key={f} className={`chip${filter === f ? ' on' : ''}`} onClick={() => setFilter(f)} role="tab" aria-selected={filter === f}>
            {f} <span className="chip-count">{counts[f]}</span>
          </button>
        ))}
      </div>
      <div className="pane-body list" data-testid="session-list">
        {shown.length === 0 && (
          <div className="empty">{all.length === 0 ? 'No sessions yet. Start one from a bead with “+ session”.' : 'No sessions match this filter.'}</div>
        )}
        {shown.map((s) => (
          <SessionRow
            key={s.sessionId}
            info={s}
            bead={s.beadId ? beads.get(s.beadId) : undefined}
            active={s.sessionId === active}
            wants={needsAttention(s, seen)}
            now={now}
            store={store}
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
  wants: boolean;
  now: number;
  store: DashboardStore;
}

const SessionRow = memo(function SessionRow({ info, bead, active, wants, now, store }: RowProps) {
  const personaIcon = usePersonaIcon(store);
  const [confirming, setConfirming] = useState(false);
  const title = bead?.title ?? (info.beadId ? '' : 'no bead');
  return (
    <div
      className={`session-row${active ? ' active' : ''}${wants ? ' wants' : ''} st-${info.status}`}
      data-testid="session-row"
      data-session={info.sessionId}
      data-status={info.status}
      data-bead={info.beadId ?? ''}
      onClick={() => store.select(info.sessionId)}
      role="button"
      aria-current={active}
    >
      <span className={`dot status-${info.status}`} title={statusLabel(info)} />
      <span className="persona-icon" title={info.persona}>
        {personaIcon(info.persona)}
      </span>
      <div className="session-main">
        <div className="session-line1">
          <span className="bead-id">{info.beadId ?? shortId(info.sessionId)}</span>
          <span className="session-title">{title}</span>
          {wants && (
            <span className={`unread${info.status === 'failed' ? ' failed' : ''}`} data-testid="unread">
              {info.status === 'failed' ? 'failed' : 'needs you'}
            </span>
          )}
        </div>
        <div className="session-line2 muted">
          <span className={`status-text status-fg-${info.status}`} data-testid="session-status">
            {info.status === 'restarting' && info.restart ? `restarting (attempt ${info.restart.attempt})` : statusLabel(info)}
          </span>
          <span>{info.backendId}</span>
          <span title="age">{formatAge(now - info.createdAt)}</span>
          <span title="turns">T{info.turns}</span>
          {info.restarts > 0 && <span title="restarts">↻{info.restarts}</span>}
          <span title="cost">{formatCost(info.totals.costUsd)}</span>
          <ChangesBadge changes={info.changes} workspace={info.workspace} compact />
        </div>
      </div>
      <div className="row-actions" onClick={(e) => e.stopPropagation()}>
        {confirming ? (
          <span className="confirm">
            Terminate?
            <button className="danger small" onClick={() => store.terminate(info.sessionId)} data-testid="confirm-terminate">
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
