import type { ReactNode } from 'react';
import { useValue } from '../hooks/use-observable.js';
import { formatCost, formatCount } from '../lib/format.js';
import { CONNECTION_TEXT } from './ConnectionBanner.js';
import { GROUP_LABELS, inGroup } from '../lib/session-groups.js';
import type { DashboardStore } from '../state/dashboard-store.js';

interface Props {
  store: DashboardStore;
  notifications: NotificationPermission | 'unsupported';
  onEnableNotifications: () => void;
  /** Opens the bead tree where it is a drawer (narrow screens). */
  onToggleBeads?: () => void;
  /** The approval queue's button, beside the connection state. */
  approvals?: ReactNode;
}

export function Header({ store, notifications, onEnableNotifications, onToggleBeads, approvals }: Props) {
  const hello = useValue(store.hello$);
  const stats = useValue(store.stats$);
  const state = useValue(store.state$);
  const sessions = useValue(store.sessions$);
  // Counted from the live list, by the list's own groups, so the header never disagrees with its chips.
  let running = 0;
  let idle = 0;
  let failed = 0;
  let restarting = 0;
  let restarts = 0;
  let cost = 0;
  let tokensIn = 0;
  let tokensOut = 0;
  for (const s of sessions.values()) {
    if (inGroup(s, 'running')) running++;
    if (inGroup(s, 'idle')) idle++;
    if (inGroup(s, 'failed')) failed++;
    if (s.status === 'restarting') restarting++;
    restarts += s.restarts;
    cost += s.totals.costUsd;
    tokensIn += s.totals.inputTokens;
    tokensOut += s.totals.outputTokens;
  }
  return (
    <header className="header">
      <div className="brand">
        {onToggleBeads && (
          <button className="beads-toggle small" onClick={onToggleBeads} data-testid="beads-toggle" title="The project's beads">
            ☰ Beads
          </button>
        )}
        <span className="logo">troupe</span>
        {hello && (
          <span className="project" title={hello.projectRoot}>
            {hello.projectName}
          </span>
        )}
      </div>
      <div className="stats" data-testid="header-stats">
        <span className="stat" title={`sessions ${GROUP_LABELS.running}${restarting > 0 ? `, ${restarting} of them restarting` : ''}`}>
          <span className="dot status-running" /> <b data-testid="stat-running">{running}</b> <span className="stat-word">{GROUP_LABELS.running}</span>
          {restarting > 0 && (
            <span className="stat-word muted" data-testid="stat-restarting">
              {' '}
              ({restarting} restarting)
            </span>
          )}
        </span>
        <span className="stat" title={`sessions ${GROUP_LABELS.idle}`}>
          <span className="dot status-idle" /> <b data-testid="stat-idle">{idle}</b> <span className="stat-word">{GROUP_LABELS.idle}</span>
        </span>
        <span className="stat" title="sessions that failed, or whose last turn failed">
          <span className="dot status-failed" /> <b data-testid="stat-failed">{failed}</b> <span className="stat-word">{GROUP_LABELS.failed}</span>
        </span>
        <span className="stat sep" title="agent chunks per second, all sessions">
          <b data-testid="stat-rate">{formatCount(stats?.chunkRate ?? 0)}</b> chunks/s
        </span>
        <span className="stat hide-narrow" title="restarts, all sessions">
          <b data-testid="stat-restarts">{restarts}</b> restarts
        </span>
        <span className="stat hide-narrow" title={`total cost · ${formatCount(tokensIn)} tokens in, ${formatCount(tokensOut)} out`}>
          <b data-testid="stat-cost">{formatCost(cost)}</b>
        </span>
      </div>
      <div className="header-right">
        {approvals}
        {notifications === 'default' && (
          <button className="link-button" onClick={onEnableNotifications} title="Get a notification when a session needs you">
            Enable notifications
          </button>
        )}
        <span className={`conn conn-${state}`} data-testid="connection" title={CONNECTION_TEXT[state].title}>
          {CONNECTION_TEXT[state].label}
        </span>
      </div>
    </header>
  );
}
