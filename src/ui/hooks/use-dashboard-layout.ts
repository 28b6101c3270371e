/**
 * What the main window shows, beyond the active session: which list (live sessions or the history),
 * which pane on a phone (one at a time), whether the bead tree's drawer is open (it is a drawer
 * below desktop widths), the past session open in the history, and the list of keys.
 */
import { useCallback, useMemo, useState } from 'react';

export type ListView = 'live' | 'history';
export type PhonePane = 'list' | 'chat';

export interface DashboardLayout {
  view: ListView;
  pane: PhonePane;
  treeOpen: boolean;
  /** The past session shown read-only (history view). */
  past: string | null;
  help: boolean;
  setView(view: ListView): void;
  showList(): void;
  showChat(): void;
  toggleTree(): void;
  closeTree(): void;
  openPast(sessionId: string): void;
  setHelp(open: boolean): void;
}

export function useDashboardLayout(): DashboardLayout {
  const [view, setViewState] = useState<ListView>('live');
  const [pane, setPane] = useState<PhonePane>('list');
  const [treeOpen, setTreeOpen] = useState(false);
  const [past, setPast] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const setView = useCallback((next: ListView) => {
    setViewState(next);
    setPane('list');
  }, []);
  const showList = useCallback(() => setPane('list'), []);
  const showChat = useCallback(() => {
    setPane('chat');
    setTreeOpen(false);
  }, []);
  const toggleTree = useCallback(() => setTreeOpen((open) => !open), []);
  const closeTree = useCallback(() => setTreeOpen(false), []);
  const openPast = useCallback((sessionId: string) => {
    setPast(sessionId);
    setPane('chat');
  }, []);
  return useMemo(
    () => ({ view, pane, treeOpen, past, help, setView, showList, showChat, toggleTree, closeTree, openPast, setHelp }),
    [view, pane, treeOpen, past, help, setView, showList, showChat, toggleTree, closeTree, openPast],
  );
}
