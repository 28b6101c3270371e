import { describe, expect, it } from 'vitest';
import { ancestorsOf, buildWbsTree, parseJsonl, type Bead, type WbsTree } from '../../src/beads/index.js';
import { issue, jsonl, type IssueSpec } from './helpers.js';

function beads(specs: IssueSpec[]): Bead[] {
  return parseJsonl(jsonl(specs.map(issue))).beads;
}

function shape(tree: WbsTree): unknown {
  const walk = (n: WbsTree['roots'][number]): unknown =>
    n.children.length > 0 ? { [n.id]: n.children.map(walk) } : n.id;
  return tree.roots.map(walk);
}

describe('buildWbsTree', () => {
  it('builds parents from edges, dotted ids only when no edge exists and the parent exists', () => {
    const tree = buildWbsTree(
      beads([
        { id: 'e-1' },
        { id: 'e-1.1' },
        { id: 'e-1.2', parent: 'x-9' },
        { id: 'x-9' },
        { id: 'x-9.1.5' },
        { id: 'zz-7', parent: 'e-1' },
      ]),
    );
    expect(shape(tree)).toEqual([{ 'e-1': ['e-1.1', 'zz-7'] }, { 'x-9': ['e-1.2'] }, 'x-9.1.5']);
    expect(tree.problems).toEqual([]);
  });

  it('uses bd list\'s parent field when there is no edge', () => {
    const list = beads([{ id: 'p-1' }, { id: 'c-1', extra: { parent: 'p-1' } }]);
    expect(shape(buildWbsTree(list))).toEqual([{ 'p-1': ['c-1'] }]);
  });

  it('sorts siblings blockers first, then priority, then id in natural order', () => {
    const tree = buildWbsTree(
      beads([
        { id: 'r' },
        { id: 'r.10', parent: 'r', priority: 1 },
        { id: 'r.2', parent: 'r', priority: 1 },
        { id: 'r.3', parent: 'r', priority: 0, blockedBy: ['r.9'] },
        { id: 'r.9', parent: 'r', priority: 4 },
        { id: 'r.1', parent: 'r', priority: 2 },
      ]),
    );
    expect(tree.byId.get('r')?.children.map((c) => c.id)).toEqual(['r.2', 'r.10', 'r.1', 'r.9', 'r.3']);
  });

  it('flags blocked nodes from open blockers only, and counts the subtree', () => {
    const tree = buildWbsTree(
      beads([
        { id: 'epic', type: 'epic' },
        { id: 'f-1', parent: 'epic', status: 'in_progress' },
        { id: 't-1', parent: 'f-1', status: 'closed' },
        { id: 't-2', parent: 'f-1', blockedBy: ['t-1'] },
        { id: 't-3', parent: 'f-1', blockedBy: ['t-1', 't-2'], status: 'deferred' },
        { id: 'f-2', parent: 'epic', blockedBy: ['f-1'] },
      ]),
    );
    const node = (id: string) => tree.byId.get(id)!;
    expect(node('t-2').blocked).toBe(false);
    expect(node('t-3')).toMatchObject({ blocked: true, blockedBy: ['t-2'] });
    expect(node('f-2')).toMatchObject({ blocked: true, blockedBy: ['f-1'] });
    expect(node('epic').counts).toEqual({ children: 2, open: 3, closed: 1, inProgress: 1 });
    expect(node('f-1').counts).toEqual({ children: 3, open: 2, closed: 1, inProgress: 0 });
    expect(node('t-3').depth).toBe(2);
  });

  it('breaks a parent cycle, reports it, and keeps every node', () => {
    const tree = buildWbsTree(
      beads([
        { id: 'c-a', parent: 'c-c' },
        { id: 'c-b', parent: 'c-a' },
        { id: 'c-c', parent: 'c-b' },
        { id: 'c-d', parent: 'c-b' },
        { id: 'self', parent: 'self' },
      ]),
    );
    expect(tree.byId.size).toBe(5);
    expect(shape(tree)).toEqual([{ 'c-a': [{ 'c-b': ['c-c', 'c-d'] }] }, 'self']);
    const cycles = tree.problems.filter((p) => p.code === 'parent-cycle');
    expect(cycles.map((p) => p.issueId).sort()).toEqual(['c-a', 'self']);
    expect(cycles.find((p) => p.issueId === 'c-a')?.message).toMatch(/c-a -> .* -> c-a/);
    expect(ancestorsOf(tree, 'c-d').map((a) => a.id)).toEqual(['c-a', 'c-b']);
  });

  it('puts a node with a dangling parent at the root and says so', () => {
    const tree = buildWbsTree(beads([{ id: 'orphan', parent: 'gone-1' }, { id: 'gone-1.x' }]));
    expect(tree.byId.get('orphan')?.parentId).toBeNull();
    expect(tree.roots.map((r) => r.id)).toContain('orphan');
    expect(tree.problems).toEqual([expect.objectContaining({ code: 'dangling-parent', issueId: 'orphan' })]);
  });

  it('picks the newest of several live parents and reports it', () => {
    const [child] = parseJsonl(
      jsonl([
        {
          id: 'kid',
          title: 'Kid',
          dependencies: [
            { issue_id: 'kid', depends_on_id: 'new-p', type: 'parent-child', created_at: '2026-02-12T16:53:14+11:00' },
            { issue_id: 'kid', depends_on_id: 'old-p', type: 'parent-child', created_at: '2026-02-08T21:33:37+11:00' },
          ],
        },
      ]),
    ).beads;
    const tree = buildWbsTree([...beads([{ id: 'old-p' }, { id: 'new-p' }]), child!]);
    expect(tree.byId.get('kid')?.parentId).toBe('new-p');
    expect(tree.problems.map((p) => p.code)).toEqual(['multiple-parents']);
  });

  it('survives a blocking cycle among siblings and reports it', () => {
    const tree = buildWbsTree(
      beads([
        { id: 'b-1', blockedBy: ['b-3'] },
        { id: 'b-2', blockedBy: ['b-1'] },
        { id: 'b-3', blockedBy: ['b-2'] },
        { id: 'b-0', blockedBy: ['b-2'] },
        { id: 'b-x', blockedBy: ['missing'] },
      ]),
    );
    expect(tree.roots.map((r) => r.id)).toEqual(['b-x', 'b-1', 'b-2', 'b-0', 'b-3']);
    expect(tree.problems.find((p) => p.code === 'blocks-cycle')?.message).toMatch(/among b-1, b-2, b-3; b-1 placed first/);
    expect(tree.problems.map((p) => p.code).sort()).toEqual(['blocks-cycle', 'dangling-blocker']);
    expect(tree.byId.get('b-x')?.blocked).toBe(false);
  });

  it('builds a deep chain without recursion limits', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => ({ id: `d-${i}`, parent: i > 0 ? `d-${i - 1}` : undefined }));
    const tree = buildWbsTree(beads(chain));
    expect(tree.roots.map((r) => r.id)).toEqual(['d-0']);
    expect(tree.byId.get('d-19999')?.depth).toBe(19_999);
    expect(tree.byId.get('d-0')?.counts.open).toBe(19_999);
  });
});
