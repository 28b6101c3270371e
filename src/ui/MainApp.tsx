import { useCallback, useEffect, useState } from 'react';
import type { WireBead } from '../protocol/wire.js';
import { ApprovalQueue } from './components/ApprovalQueue.js';
import { ChatPanel } from './components/ChatPanel.js';
import { ConnectionBanner, OfflineGuard } from './components/ConnectionBanner.js';
import { Header } from './components/Header.js';
import { SessionList } from './components/SessionList.js';
import { StartSessionDialog } from './components/StartSessionDialog.js';
import { Toasts } from './components/Toasts.js';
import { WbsTree } from './components/WbsTree.js';
import { useAttention } from './hooks/use-attention.js';
import { useValue } from './hooks/use-observable.js';
import type { DashboardStore } from './state/dashboard-store.js';

/** The main window: tree, session list, and the chat of the active session. */
export function MainApp({ store }: { store: DashboardStore }) {
  const active = useValue(store.active$);
  const sessions = useValue(store.sessions$);
  const state = useValue(store.state$);
  const [dialog, setDialog] = useState<{ bead: WireBead | null } | null>(null);
  const [permission, requestPermission] = useAttention(store, 'troupe', true);
  const shown = active && sessions.has(active) ? active : null;

  useEffect(() => {
    store.setWatched(shown ? [shown] : []);
    store.setViewing(shown ? [shown] : []);
    const onVisible = () => store.setViewing(shown ? [shown] : []);
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [store, shown]);

  const onStart = useCallback((bead: WireBead | null) => setDialog({ bead }), []);
  const close = useCallback(() => setDialog(null), []);

  return (
    <div className="app">
      <Header store={store} notifications={permission} onEnableNotifications={requestPermission} />
      <ConnectionBanner state={state} />
      <OfflineGuard state={state}>
        <main className={`layout${state === 'open' ? '' : ' offline'}`}>
          <WbsTree store={store} onStart={onStart} />
          <SessionList store={store} onNew={() => onStart(null)} />
          {shown ? (
            <ChatPanel store={store} sessionId={shown} />
          ) : (
            <section className="pane chat-pane">
              <div className="empty big">
                Pick a session in the list, or start one from a bead with <b>+ session</b>.
              </div>
            </section>
          )}
        </main>
        {dialog && (
          <StartSessionDialog
            store={store}
            bead={dialog.bead}
            onClose={close}
            onStarted={(id) => {
              setDialog(null);
              store.select(id);
            }}
          />
        )}
      </OfflineGuard>
      <ApprovalQueue store={store} />
      <Toasts store={store} />
    </div>
  );
}
