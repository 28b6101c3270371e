import { describe, expect, it } from 'vitest';
import { buildWbsTree, parseJsonl, rollupSessions, toWireTree } from '../../src/beads/index.js';
import { issue, jsonl } from './helpers.js';

const tree = buildWbsTree(
  parseJsonl(
    jsonl([
      issue({ id: 'e', type: 'epic', priority: 1 }),
      issue({ id: 'e.1', parent: 'e', status: 'closed' }),
      issue({ id: 'e.2', parent: 'e', blockedBy: ['e.3'] }),
      issue({ id: 'e.3', parent: 'e', status: 'in_progress' }),
      issue({ id: 'done', status: 'closed' }),
      issue({ id: 'done.1', parent: 'done', status: 'closed' }),
      issue({ id: 'old', status: 'closed' }),
      issue({ id: 'old.1', parent: 'old', status: 'open' }),
    ]),
  ).beads,
);

describe('toWireTree', () => {
  it('is plain JSON with the fields the dashboard needs', () => {
    const wire = toWireTree(tree);
    expect(JSON.parse(JSON.stringify(wire))).toEqual(wire);
    expect(wire[0]).toEqual({
      id: 'e',
      title: 'Title of e',
      type: 'epic',
      status: 'open',
      priority: 1,
      blocked: false,
      blockedBy: [],
      counts: { children: 3, open: 1, closed: 1, inProgress: 1 },
      children: [
        expect.objectContaining({ id: 'e.1', status: 'closed', children: [] }),
        expect.objectContaining({ id: 'e.3', status: 'in_progress' }),
        expect.objectContaining({ id: 'e.2', blocked: true, blockedBy: ['e.3'] }),
      ],
    });
  });

  it('hides closed nodes unless they hold open work', () => {
    const wire = toWireTree(tree, { includeClosed: false });
    expect(wire.map((n) => n.id)).toEqual(['e', 'old']);
    expect(wire[0]?.children.map((c) => c.id)).toEqual(['e.3', 'e.2']);
    expect(wire[1]?.children.map((c) => c.id)).toEqual(['old.1']);
  });

  it('attaches rollups when given, as copies', () => {
    const rollups = rollupSessions(tree, [
      {
        sessionId: 's',
        beadId: 'e.2',
        persona: 'specialist',
        backendId: 'sim',
        status: 'running',
        createdAt: 0,
        lastActivity: 0,
        turns: 1,
        restarts: 0,
        totals: { inputTokens: 3, outputTokens: 4, costUsd: 0.01 },
      },
    ]);
    const wire = toWireTree(tree, { rollups });
    expect(wire[0]?.rollup).toMatchObject({ liveTotal: 1, live: { specialist: 1 }, inputTokens: 3 });
    expect(wire[0]?.rollup).not.toBe(rollups.get('e'));
    expect(wire[1]?.rollup).toBeUndefined();
  });
});
