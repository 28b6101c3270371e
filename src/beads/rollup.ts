/** Sessions per tree node: live ones by persona, and usage totals, summed up to the ancestors. */
import type { SessionInfo, SessionStatus } from '../protocol/index.js';
import type { BeadRollup, WbsTree } from './types.js';

const LIVE: ReadonlySet<SessionStatus> = new Set(['starting', 'running', 'idle', 'restarting']);

export function isLiveStatus(status: SessionStatus): boolean {
  return LIVE.has(status);
}

export function emptyRollup(): BeadRollup {
  return { live: {}, liveTotal: 0, sessions: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
}

/**
 * Only nodes with at least one session on them or below them are in the map; sessions on beads
 * that are not in the tree (or on none) are not counted.
 */
export function rollupSessions(tree: WbsTree, sessions: readonly SessionInfo[]): Map<string, BeadRollup> {
  const rollups = new Map<string, BeadRollup>();
  for (const session of sessions) {
    if (session.beadId === undefined || !tree.byId.has(session.beadId)) continue;
    const live = isLiveStatus(session.status);
    const seen = new Set<string>();
    let id: string | null = session.beadId;
    while (id !== null && !seen.has(id)) {
      seen.add(id);
      let rollup = rollups.get(id);
      if (!rollup) {
        rollup = emptyRollup();
        rollups.set(id, rollup);
      }
      rollup.sessions += 1;
      rollup.inputTokens += session.totals.inputTokens;
      rollup.outputTokens += session.totals.outputTokens;
      rollup.costUsd += session.totals.costUsd;
      if (live) {
        rollup.liveTotal += 1;
        rollup.live[session.persona] = (rollup.live[session.persona] ?? 0) + 1;
      }
      id = tree.byId.get(id)?.parentId ?? null;
    }
  }
  return rollups;
}
