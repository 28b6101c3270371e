import { useEffect, useMemo } from 'react';
import { ChatPanel } from './components/ChatPanel.js';
import { PastSessionPanel } from './components/PastSessionPanel.js';
import { ConnectionBanner, OfflineGuard } from './components/ConnectionBanner.js';
import { Toasts } from './components/Toasts.js';
import { useAttention } from './hooks/use-attention.js';
import { useValue } from './hooks/use-observable.js';
import type { DashboardStore } from './state/dashboard-store.js';
import { HistoryStore } from './state/history-store.js';

/** One session in its own window: its own connection, its own stream, independent of the main window. */
export function PopoutApp({ store, sessionId }: { store: DashboardStore; sessionId: string }) {
  const sessions = useValue(store.sessions$);
  const state = useValue(store.state$);
  const hello = useValue(store.hello$);
  const info = sessions.get(sessionId);
  const history = useMemo(() => new HistoryStore((query, before) => store.findSessions(query, before)), [store]);
  useAttention(store, info?.beadId ? `${info.beadId} · troupe` : 'troupe session', false);

  useEffect(() => {
    store.setWatched([sessionId]);
    store.setViewing([sessionId]);
    const onVisible = () => store.setViewing([sessionId]);
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [store, sessionId]);

  return (
    <div className="app popout">
      <ConnectionBanner state={state} />
      <OfflineGuard state={state}>
        {info ? (
          <ChatPanel store={store} sessionId={sessionId} popout />
        ) : !hello && state !== 'refused' ? (
          <div className="empty big">Loading…</div>
        ) : (
          // Not listed (troupe restarted, or it was terminated): its log, read-only, with Resume.
          <PastSessionPanel store={store} history={history} sessionId={sessionId} onResumed={() => undefined} />
        )}
      </OfflineGuard>
      <Toasts store={store} />
    </div>
  );
}
