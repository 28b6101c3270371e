import { useEffect } from 'react';
import { ChatPanel } from './components/ChatPanel.js';
import { ConnectionBanner, OfflineGuard } from './components/ConnectionBanner.js';
import { Toasts } from './components/Toasts.js';
import { useAttention } from './hooks/use-attention.js';
import { useValue } from './hooks/use-observable.js';
import type { DashboardStore } from './state/dashboard-store.js';

/** One session in its own window: its own connection, its own stream, independent of the main window. */
export function PopoutApp({ store, sessionId }: { store: DashboardStore; sessionId: string }) {
  const sessions = useValue(store.sessions$);
  const state = useValue(store.state$);
  const info = sessions.get(sessionId);
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
        {sessions.size === 0 && state === 'open' && !info ? (
          <div className="empty big">Loading…</div>
        ) : (
          <ChatPanel store={store} sessionId={sessionId} popout />
        )}
      </OfflineGuard>
      <Toasts store={store} />
    </div>
  );
}
