import { useCallback, useEffect, useMemo, useState } from 'react';
import type { WireBead } from '../protocol/wire.js';
import { ApprovalQueue, ApprovalToggle } from './components/ApprovalQueue.js';
import { ChatPanel } from './components/ChatPanel.js';
import { ConnectionBanner, OfflineGuard } from './components/ConnectionBanner.js';
import { EmptyChat } from './components/EmptyChat.js';
import { Header } from './components/Header.js';
import { HistoryList } from './components/HistoryList.js';
import { KeyboardHelp } from './components/KeyboardHelp.js';
import { ListViewSwitch } from './components/ListViewSwitch.js';
import { PastSessionPanel } from './components/PastSessionPanel.js';
import { SessionList } from './components/SessionList.js';
import { StartSessionDialog } from './components/StartSessionDialog.js';
import { Toasts } from './components/Toasts.js';
import { WbsTree } from './components/WbsTree.js';
import { useAttention } from './hooks/use-attention.js';
import { useDashboardLayout } from './hooks/use-dashboard-layout.js';
import { useGlobalKeys } from './hooks/use-global-keys.js';
import { useValue } from './hooks/use-observable.js';
import type { DashboardStore } from './state/dashboard-store.js';
import { HistoryStore } from './state/history-store.js';
import './styles/layout.css';

/** The main window: tree, session list (or the history of past sessions), and the chat of the open session. */
export function MainApp({ store }: { store: DashboardStore }) {
  const active = useValue(store.active$);
  const sessions = useValue(store.sessions$);
  const state = useValue(store.state$);
  const layout = useDashboardLayout();
  const history = useMemo(() => new HistoryStore((query, before) => store.findSessions(query, before)), [store]);
  const [dialog, setDialog] = useState<{ bead: WireBead | null } | null>(null);
  const [permission, requestPermission] = useAttention(store, 'troupe', true);
  const shown = active && sessions.has(active) ? active : null;
  // In the history, a past session this troupe lists is opened live.
  const past = layout.view === 'history' && layout.past && !sessions.has(layout.past) ? layout.past : null;
  const open = past ?? shown;

  useEffect(() => {
    store.setWatched(open ? [open] : []);
    store.setViewing(open ? [open] : []);
    const onVisible = () => store.setViewing(open ? [open] : []);
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [store, open]);

  const onStart = useCallback((bead: WireBead | null) => setDialog({ bead }), []);
  const { closeTree } = layout;
  const onStartOnBead = useCallback(
    (bead: WireBead) => {
      closeTree();
      setDialog({ bead });
    },
    [closeTree],
  );
  const close = useCallback(() => setDialog(null), []);
  const { showChat, setView, openPast } = layout;
  const openSession = useCallback(
    (sessionId: string) => {
      store.select(sessionId);
      setView('live');
      showChat();
    },
    [store, setView, showChat],
  );
  const openFromHistory = useCallback(
    (sessionId: string, live: boolean) => (live ? openSession(sessionId) : openPast(sessionId)),
    [openSession, openPast],
  );
  useGlobalKeys(layout, dialog !== null);
  const [queueOpen, setQueueOpen] = useState(false);

  const viewSwitch = <ListViewSwitch view={layout.view} onChange={layout.setView} liveCount={sessions.size} />;
  return (
    <div className="app">
      <Header
        store={store}
        notifications={permission}
        onEnableNotifications={requestPermission}
        onToggleBeads={layout.toggleTree}
        approvals={<ApprovalToggle store={store} open={queueOpen} onToggle={() => setQueueOpen(!queueOpen)} />}
      />
      <ConnectionBanner state={state} />
      <OfflineGuard state={state}>
        <main className={`layout${state === 'open' ? '' : ' offline'}`} data-pane={layout.pane} data-tree={layout.treeOpen ? 'open' : 'closed'} data-testid="layout">
          <div className="tree-scrim" onClick={layout.closeTree} />
          <WbsTree store={store} onStart={onStartOnBead} onSelect={openSession} onClose={layout.closeTree} />
          <div className="list-column">
            {layout.view === 'live' ? (
              <SessionList store={store} onNew={() => onStart(null)} onOpen={openSession} head={viewSwitch} />
            ) : (
              <HistoryList store={store} history={history} selected={past} onOpen={openFromHistory} head={viewSwitch} />
            )}
          </div>
          {past ? (
            <PastSessionPanel store={store} history={history} sessionId={past} onBack={layout.showList} onResumed={openSession} />
          ) : shown ? (
            <ChatPanel store={store} sessionId={shown} onBack={layout.showList} />
          ) : (
            <EmptyChat store={store} onNew={() => onStart(null)} onBeads={layout.toggleTree} onBack={layout.showList} />
          )}
        </main>
        {dialog && (
          <StartSessionDialog
            store={store}
            bead={dialog.bead}
            onClose={close}
            onStarted={(id) => {
              setDialog(null);
              openSession(id);
            }}
          />
        )}
        {layout.help && <KeyboardHelp onClose={() => layout.setHelp(false)} />}
      </OfflineGuard>
      <ApprovalQueue store={store} open={queueOpen} setOpen={setQueueOpen} />
      <Toasts store={store} />
    </div>
  );
}
