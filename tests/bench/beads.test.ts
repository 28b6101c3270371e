import { describe, expect, it } from 'vitest';
import { generateIssues } from '../../src/bench/beads.js';
import { buildWbsTree, parseJsonl } from '../../src/beads/index.js';

describe('the generated beads file of the benchmark', () => {
  it('holds the asked number of valid issue lines, the same on every run', () => {
    const text = generateIssues(20_000);
    expect(text).toBe(generateIssues(20_000));
    const parsed = parseJsonl(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.beads).toHaveLength(20_000);
    expect(new Set(parsed.beads.map((b) => b.id)).size).toBe(20_000);
  });

  it('makes a real tree: epics over features over tasks, blocks edges, hash ids placed by their edge', () => {
    const tree = buildWbsTree(parseJsonl(generateIssues(2_000)).beads);
    const epic = tree.byId.get('gen-e0');
    expect(epic?.bead.issueType).toBe('epic');
    const hashTasks = [...tree.byId.values()].filter((n) => /^gen-[0-9a-z]+x\d+$/.test(n.id) && n.parentId !== null);
    expect(hashTasks.length).toBeGreaterThan(0);
    expect([...tree.byId.values()].some((n) => n.bead.dependencies.some((d) => d.type === 'blocks'))).toBe(true);
    expect(tree.byId.get('gen-e0.1')?.parentId ?? 'gen-e0').toBe('gen-e0');
  });
});
