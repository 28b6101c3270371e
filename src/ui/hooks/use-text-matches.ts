/**
 * The sessions whose chat holds the query's words, as the server finds them in the logs (the
 * browser has the chat of open sessions only). Asked once typing pauses; empty while it is asked.
 */
import { useEffect, useState } from 'react';
import type { DashboardStore } from '../state/dashboard-store.js';

const PAUSE_MS = 250;
/** Matches asked for: a list filter beyond this many sessions is a search for the history view. */
const MOST = 100;

export function useTextMatches(store: DashboardStore, query: string): ReadonlySet<string> {
  const [matches, setMatches] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    setMatches(new Set());
    if (!query.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      store
        .findSessions(query.trim(), undefined, MOST)
        .then((page) => current && setMatches(new Set(page.sessions.map((s) => s.sessionId))))
        .catch(() => undefined);
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [store, query]);
  return matches;
}
