/**
 * Who is whose parent. The `parent-child` edge is the truth; bd's `parent` field and dotted ids
 * (`x.1` under `x`) are fallbacks when no edge exists. Dangling parents and cycles are reported and
 * the node goes to the root.
 */
import { naturalCompare } from './natural-compare.js';
import type { Bead, BeadsProblem } from './types.js';

export const PARENT_CHILD = 'parent-child';

export interface ParentResolution {
  parentOf: Map<string, string | null>;
  problems: BeadsProblem[];
}

function timeOf(value: string | undefined): number {
  const t = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

function dottedParent(id: string, byId: Map<string, Bead>): string | null {
  const dot = id.lastIndexOf('.');
  if (dot <= 0) return null;
  const candidate = id.slice(0, dot);
  return byId.has(candidate) ? candidate : null;
}

function parentOfBead(bead: Bead, byId: Map<string, Bead>, problems: BeadsProblem[]): string | null {
  const edges = bead.dependencies.filter((d) => d.type === PARENT_CHILD);
  if (edges.length === 0) {
    if (bead.parentHint !== undefined) {
      if (byId.has(bead.parentHint)) return bead.parentHint;
      problems.push({
        code: 'dangling-parent',
        issueId: bead.id,
        line: bead.line,
        message: `${bead.id}: parent ${bead.parentHint} is not a live issue; shown at the root`,
      });
      return null;
    }
    return dottedParent(bead.id, byId);
  }
  // Edges to deleted or unknown issues do not count when a live parent is also named.
  const live = edges.filter((e) => byId.has(e.dependsOnId));
  if (live.length === 0) {
    const targets = [...new Set(edges.map((e) => e.dependsOnId))].join(', ');
    problems.push({
      code: 'dangling-parent',
      issueId: bead.id,
      line: bead.line,
      message: `${bead.id}: parent ${targets} is not a live issue; shown at the root`,
    });
    return null;
  }
  // Several live parents: the most recent edge wins (bd reparenting adds a new edge).
  let chosen = live[0]!;
  for (const edge of live) if (timeOf(edge.createdAt) >= timeOf(chosen.createdAt)) chosen = edge;
  const distinct = new Set(live.map((e) => e.dependsOnId));
  if (distinct.size > 1) {
    problems.push({
      code: 'multiple-parents',
      issueId: bead.id,
      line: bead.line,
      message: `${bead.id}: several parents (${[...distinct].join(', ')}); placed under ${chosen.dependsOnId}, the latest`,
    });
  }
  return chosen.dependsOnId;
}

/** Detaches one node of every parent cycle (the smallest id) so every chain ends at a root. */
function breakCycles(parentOf: Map<string, string | null>, problems: BeadsProblem[]): void {
  const done = new Set<string>();
  for (const start of parentOf.keys()) {
    if (done.has(start)) continue;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let id: string | null = start;
    while (id !== null && !done.has(id)) {
      const at = onPath.get(id);
      if (at !== undefined) {
        const cycle = path.slice(at);
        const cut = [...cycle].sort(naturalCompare)[0]!;
        parentOf.set(cut, null);
        problems.push({
          code: 'parent-cycle',
          issueId: cut,
          message: `parent cycle ${[...cycle, id].join(' -> ')}; ${cut} shown at the root`,
        });
        break;
      }
      onPath.set(id, path.length);
      path.push(id);
      id = parentOf.get(id) ?? null;
    }
    for (const p of path) done.add(p);
  }
}

export function resolveParents(byId: Map<string, Bead>): ParentResolution {
  const parentOf = new Map<string, string | null>();
  const problems: BeadsProblem[] = [];
  for (const bead of byId.values()) parentOf.set(bead.id, parentOfBead(bead, byId, problems));
  breakCycles(parentOf, problems);
  return { parentOf, problems };
}
