import { describe, expect, it } from 'vitest';
import type { SessionInfo, SessionStatus } from '../../src/protocol/index.js';
import { buildWbsTree, parseJsonl, rollupSessions } from '../../src/beads/index.js';
import { issue, jsonl } from './helpers.js';

const tree = buildWbsTree(
  parseJsonl(
    jsonl([
      issue({ id: 'e' }),
      issue({ id: 'f', parent: 'e' }),
      issue({ id: 't1', parent: 'f' }),
      issue({ id: 't2', parent: 'f' }),
      issue({ id: 'other' }),
    ]),
  ).beads,
);

let n = 0;
function session(beadId: string | undefined, persona: string, status: SessionStatus, tokens = 0, cost = 0): SessionInfo {
  n++;
  return {
    sessionId: `s-${n}`,
    beadId,
    persona,
    backendId: 'sim',
    status,
    createdAt: 0,
    lastActivity: 0,
    turns: 1,
    restarts: 0,
    totals: { inputTokens: tokens, outputTokens: tokens * 2, costUsd: cost },
  };
}

describe('rollupSessions', () => {
  it('counts live sessions by persona and sums usage on the node and every ancestor', () => {
    const rollups = rollupSessions(tree, [
      session('t1', 'specialist', 'running', 100, 0.5),
      session('t1', 'qa-engineer', 'idle', 10, 0.25),
      session('t2', 'specialist', 'restarting', 1, 0.125),
      session('t2', 'specialist', 'stopped', 1000, 1),
      session('f', 'product-manager', 'starting'),
      session('t1', 'specialist', 'failed', 5, 0),
      session(undefined, 'specialist', 'running', 7, 7),
      session('not-a-bead', 'specialist', 'running', 7, 7),
    ]);
    expect(rollups.get('t1')).toEqual({
      live: { specialist: 1, 'qa-engineer': 1 },
      liveTotal: 2,
      sessions: 3,
      inputTokens: 115,
      outputTokens: 230,
      costUsd: 0.75,
    });
    expect(rollups.get('t2')).toMatchObject({ live: { specialist: 1 }, liveTotal: 1, sessions: 2, inputTokens: 1001 });
    const top = { live: { specialist: 2, 'qa-engineer': 1, 'product-manager': 1 }, liveTotal: 4, sessions: 6, inputTokens: 1116, outputTokens: 2232, costUsd: 1.875 };
    expect(rollups.get('f')).toEqual(top);
    expect(rollups.get('e')).toEqual(top);
    expect(rollups.has('other')).toBe(false);
    expect(rollups.has('not-a-bead')).toBe(false);
  });

  it('gives an empty map without sessions', () => {
    expect(rollupSessions(tree, []).size).toBe(0);
  });
});
