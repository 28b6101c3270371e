import { useCallback } from 'react';
import { personaIconIn } from '../lib/session-labels.js';
import type { DashboardStore } from '../state/dashboard-store.js';
import { useValue } from './use-observable.js';

/** The persona icons the server sent (project personas included), as a lookup. */
export function usePersonaIcon(store: DashboardStore): (persona: string) => string {
  const hello = useValue(store.hello$);
  return useCallback((persona: string) => personaIconIn(hello?.personas, persona), [hello]);
}
