import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWbsTree, loadBeads, loadWbsTree, type WbsTree } from '../../src/beads/index.js';
import { makeBp6Project, readBp6Raw, type TempProject } from './helpers.js';

interface RawDep {
  depends_on_id: string;
  type: string;
}

describe('the real bp6 issues (650 lines)', () => {
  let project: TempProject;
  let tree: WbsTree;

  beforeAll(async () => {
    project = await makeBp6Project();
    tree = (await loadWbsTree(project.root)).tree;
  });
  afterAll(() => project.cleanup());

  it('reads every line, hides the 95 tombstones and reports no problem', async () => {
    const loaded = await loadBeads(project.root);
    expect(loaded.source).toBe('jsonl');
    expect(loaded.issues).toHaveLength(555);
    expect(loaded.hidden).toBe(95);
    expect(loaded.problems).toEqual([]);
    expect(loaded.stable).toBe(true);
  });

  it('has 555 live nodes and 86 roots', () => {
    expect(tree.byId.size).toBe(555);
    expect(tree.roots).toHaveLength(86);
    expect(tree.roots.every((r) => r.parentId === null && r.depth === 0)).toBe(true);
  });

  it('leaves the tombstones out, even where a live issue still names one as a parent', async () => {
    const raw = await readBp6Raw();
    const tombstones = raw.filter((r) => r.status === 'tombstone').map((r) => String(r.id));
    expect(tombstones).toHaveLength(95);
    for (const id of tombstones) expect(tree.byId.has(id)).toBe(false);
    expect([...tree.byId.values()].some((n) => n.bead.status === 'tombstone')).toBe(false);
    // bp6-s1u.1.3 names the deleted abc-def and the live bp6-s1u.1: the live one wins.
    expect(tree.byId.get('bp6-s1u.1.3')?.parentId).toBe('bp6-s1u.1');
  });

  it('puts the children of bp6-643 in order: blockers first, then priority, then id', () => {
    const node = tree.byId.get('bp6-643');
    expect(node?.bead.issueType).toBe('epic');
    expect(node?.children.map((c) => c.id)).toEqual([
      'bp6-643.001',
      'bp6-643.002',
      'bp6-643.003',
      'bp6-643.004',
      'bp6-643.6',
      'bp6-643.7',
      'bp6-tt9k',
      'bp6-643.005',
    ]);
    expect(node?.counts).toEqual({ children: 8, open: 0, closed: 59, inProgress: 0 });
  });

  it('orders the 11 children of bp6-643.001 along their blocking chain (.2 before .10)', () => {
    const ids = tree.byId.get('bp6-643.001')?.children.map((c) => c.id);
    expect(ids).toEqual(Array.from({ length: 11 }, (_, i) => `bp6-643.001.${i + 1}`));
    expect(tree.byId.get('bp6-643.001.5')?.parentId).toBe('bp6-643.001');
    expect(tree.byId.get('bp6-643.001.5')?.depth).toBe(2);
  });

  it('takes the parent from the edge, not the id: bp6-142 sits under bp6-85n', () => {
    const node = tree.byId.get('bp6-142');
    expect(node?.parentId).toBe('bp6-85n');
    expect(tree.byId.get('bp6-85n')?.children.map((c) => c.id)).toContain('bp6-142');
  });

  it('falls back to the dotted id only when no edge exists (bp6-6nj.19 under bp6-6nj)', () => {
    expect(tree.byId.get('bp6-6nj.19')?.parentId).toBe('bp6-6nj');
  });

  it('flags exactly the issues with a blocks edge to a live issue that is not closed', async () => {
    const raw = await readBp6Raw();
    const live = new Map(raw.filter((r) => r.status !== 'tombstone').map((r) => [String(r.id), r]));
    const expected = new Map<string, string[]>();
    for (const [id, r] of live) {
      const deps = (r.dependencies as RawDep[] | undefined) ?? [];
      const open = deps
        .filter((d) => d.type === 'blocks' && live.has(d.depends_on_id))
        .filter((d) => live.get(d.depends_on_id)?.status !== 'closed')
        .map((d) => d.depends_on_id);
      expected.set(id, open);
    }
    for (const [id, node] of tree.byId) {
      expect(node.blocked, id).toBe((expected.get(id) ?? []).length > 0);
      expect(node.blockedBy, id).toEqual(expected.get(id));
    }
    expect([...tree.byId.values()].filter((n) => n.blocked)).toHaveLength(30);
    expect(tree.byId.get('bp6-142')?.blockedBy).toEqual(['bp6-0e4', 'bp6-xxr']);
  });

  it('builds the same tree again from the same issues', async () => {
    const { issues } = await loadBeads(project.root);
    const again = buildWbsTree(issues);
    expect(again.roots.map((r) => r.id)).toEqual(tree.roots.map((r) => r.id));
  });

  it('ignores the issue-shaped JSON inside metadata fields', () => {
    // bp6-5vy's metadata holds a whole other issue (bp6-22a) with its own edges.
    expect(tree.byId.has('bp6-22a')).toBe(false);
    expect(tree.byId.get('bp6-5vy')?.bead.id).toBe('bp6-5vy');
  });
});
