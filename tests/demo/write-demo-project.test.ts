import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWbsTree } from '../../src/beads/index.js';
import { DEMO_AUTOSTART } from '../../src/demo/demo-beads.js';
import { DEMO_MARKER, writeDemoProject } from '../../src/demo/write-demo-project.js';
import { gitIn } from '../helpers/git-project.js';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'troupe-demo-test-')), 'demo');

describe('writeDemoProject', () => {
  it('writes a small realistic beads project that the beads reader turns into a WBS tree', async () => {
    const demo = await writeDemoProject(fresh());
    expect(demo.created).toBe(true);
    expect(demo.issueCount).toBeGreaterThanOrEqual(15);
    expect(demo.issueCount).toBeLessThanOrEqual(25);
    const { tree, problems } = await loadWbsTree(demo.root);
    expect(problems).toEqual([]);
    const nodes = [...tree.byId.values()];
    expect(nodes).toHaveLength(demo.issueCount);
    const types = new Set(nodes.map((n) => n.bead.issueType));
    for (const type of ['epic', 'feature', 'task', 'bug', 'chore']) expect(types).toContain(type);
    expect(nodes.filter((n) => n.bead.status === 'closed').length).toBeGreaterThanOrEqual(2);
    expect(nodes.filter((n) => n.blocked).length).toBeGreaterThanOrEqual(3);
    // Epics hold their children through parent-child edges.
    expect(tree.byId.get('shop-1')?.children.map((c) => c.id)).toContain('shop-1.1');
    expect(tree.roots.length).toBeLessThan(demo.issueCount / 2);
    for (const item of DEMO_AUTOSTART) expect(tree.byId.has(item.beadId)).toBe(true);
  });

  it('refreshes its own folder and keeps what else is there', async () => {
    const dir = fresh();
    await writeDemoProject(dir);
    mkdirSync(join(dir, '.bp6'), { recursive: true });
    writeFileSync(join(dir, '.bp6', 'keep.txt'), 'session logs live here');
    const again = await writeDemoProject(dir);
    expect(again.created).toBe(false);
    expect(readFileSync(join(dir, '.bp6', 'keep.txt'), 'utf8')).toBe('session logs live here');
  });

  it('is a git repository with its files committed, so its sessions get worktrees; a refresh commits the new beads', async () => {
    const dir = fresh();
    const demo = await writeDemoProject(dir, Date.parse('2026-03-01T10:00:00Z'));
    expect(demo.git).toBe(true);
    expect(await gitIn(dir, 'status', '--porcelain')).toBe('');
    expect(await gitIn(dir, 'ls-files')).toContain('src/checkout.ts');
    await writeDemoProject(dir, Date.parse('2026-03-02T10:00:00Z'));
    expect(await gitIn(dir, 'status', '--porcelain')).toBe('');
    expect((await gitIn(dir, 'log', '--format=%s')).split('\n')).toEqual(['demo: beads refreshed', 'tinyshop: the troupe demo project']);
  });

  it('refuses to write into a folder that is not a troupe demo, and leaves it untouched', async () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.md'), 'mine');
    await expect(writeDemoProject(dir)).rejects.toThrow(/not a troupe demo folder/);
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('mine');
    expect(() => readFileSync(join(dir, DEMO_MARKER))).toThrow();
  });
});
