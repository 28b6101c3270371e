import { useValue } from '../hooks/use-observable.js';
import { formatCost, formatCount } from '../lib/format.js';
import { CONNECTION_TEXT } from './ConnectionBanner.js';
import type { DashboardStore } from '../state/dashboard-store.js';

interface Props {
  store: DashboardStore;
  notifications: NotificationPermission | 'unsupported';
  onEnableNotifications: () => void;
}

export function Header({ store, notifications, onEnableNotifications }: Props) {
  const hello = useValue(store.hello$);
  const stats = useValue(store.stats$);
  const state = useValue(store.state$);
  const sessions = useValue(store.sessions$);
  // Counted from the live list so the header never lags the rows below it.
  let running = 0;
  let idle = 0;
  let failed = 0;
  let restarting = 0;
  let restarts = 0;
  let cost = 0;
  let tokensIn = 0;
  let tokensOut = 0;
  for (const s of sessions.values()) {
    if (s.status === 'running' || s.status === 'starting') running++;
    else if (s.status === 'idle') idle++;
    else if (s.status === 'failed') failed++;
    else if (s.status === 'restarting') restarting++;
    restarts += s.restarts;
    cost += s.totals.costUsd;
    tokensIn += s.totals.inputTokens;
    tokensOut += s.totals.outputTokens;
  }
  return (
    <header className="header">
      <div className="brand">
        <span className="logo">troupe</span>
        {hello && (
          <span className="project" title={hello.projectRoot}>
            {hello.projectName}
          </span>
        )}
      </div>
      <div className="stats" data-testid="header-stats">
        <span className="stat" title="sessions running">
          <span className="dot status-running" /> <b data-testid="stat-running">{running}</b> running
        </span>
        <span className="stat" title="sessions waiting for you">
          <span className="dot status-idle" /> <b data-testid="stat-idle">{idle}</b> idle
        </span>
        <span className="stat" title="sessions that failed">
          <span className="dot status-failed" /> <b data-testid="stat-failed">{failed}</b> failed
        </span>
        {restarting > 0 && (
          <span className="stat">
            <span className="dot status-restarting" /> <b>{restarting}</b> restarting
          </span>
        )}
        <span className="stat sep" title="agent chunks per second, all sessions">
          <b data-testid="stat-rate">{formatCount(stats?.chunkRate ?? 0)}</b> chunks/s
        </span>
        <span className="stat" title="restarts, all sessions">
          <b data-testid="stat-restarts">{restarts}</b> restarts
        </span>
        <span className="stat" title={`total cost · ${formatCount(tokensIn)} tokens in, ${formatCount(tokensOut)} out`}>
          <b data-testid="stat-cost">{formatCost(cost)}</b>
        </span>
      </div>
      <div className="header-right">
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
