/**
 * Sibling order: blockers before what they block (a topological order over `blocks` edges
 * between siblings), ties by priority then id. A blocking cycle is reported and broken.
 */
import { MinHeap } from './min-heap.js';
import { naturalCompare } from './natural-compare.js';
import type { Bead, BeadsProblem } from './types.js';

export const BLOCKS = 'blocks';

export function comparePriorityThenId(a: Bead, b: Bead): number {
  return a.priority - b.priority || naturalCompare(a.id, b.id);
}

export function orderSiblings(siblings: readonly Bead[], problems: BeadsProblem[]): Bead[] {
  if (siblings.length < 2) return [...siblings];
  const index = new Map<string, Bead>(siblings.map((b) => [b.id, b]));
  const waitingOn = new Map<string, number>();
  const unblocks = new Map<string, Bead[]>();
  for (const bead of siblings) {
    const blockers = new Set<string>();
    for (const dep of bead.dependencies) {
      if (dep.type === BLOCKS && dep.dependsOnId !== bead.id && index.has(dep.dependsOnId)) {
        blockers.add(dep.dependsOnId);
      }
    }
    waitingOn.set(bead.id, blockers.size);
    for (const blocker of blockers) {
      const list = unblocks.get(blocker);
      if (list) list.push(bead);
      else unblocks.set(blocker, [bead]);
    }
  }
  const blockersOf = new Map<string, Bead[]>();
  for (const [blocker, dependents] of unblocks) {
    for (const dependent of dependents) {
      const list = blockersOf.get(dependent.id);
      if (list) list.push(index.get(blocker)!);
      else blockersOf.set(dependent.id, [index.get(blocker)!]);
    }
  }
  const ready = new MinHeap<Bead>(comparePriorityThenId);
  for (const bead of siblings) if (waitingOn.get(bead.id) === 0) ready.push(bead);
  const ordered: Bead[] = [];
  const placed = new Set<string>();

  // Nothing is ready only when what is left waits on a cycle: walk back along unplaced blockers
  // until a node repeats, and release the first (by priority, id) of that cycle.
  const breakCycle = (): Bead => {
    const rest = siblings.filter((b) => !placed.has(b.id)).sort(comparePriorityThenId);
    const seenAt = new Map<string, number>();
    const walk: Bead[] = [];
    let at: Bead = rest[0]!;
    while (!seenAt.has(at.id)) {
      seenAt.set(at.id, walk.length);
      walk.push(at);
      const open = (blockersOf.get(at.id) ?? []).filter((b) => !placed.has(b.id)).sort(comparePriorityThenId);
      at = open[0] ?? at;
    }
    const cycle = walk.slice(seenAt.get(at.id)).sort(comparePriorityThenId);
    const release = cycle[0]!;
    problems.push({
      code: 'blocks-cycle',
      issueId: release.id,
      message: `blocking cycle among ${cycle.map((b) => b.id).join(', ')}; ${release.id} placed first`,
    });
    return release;
  };

  while (ordered.length < siblings.length) {
    const next = ready.pop() ?? breakCycle();
    if (placed.has(next.id)) continue;
    placed.add(next.id);
    ordered.push(next);
    for (const dependent of unblocks.get(next.id) ?? []) {
      const left = (waitingOn.get(dependent.id) ?? 0) - 1;
      waitingOn.set(dependent.id, left);
      if (left === 0 && !placed.has(dependent.id)) ready.push(dependent);
    }
  }
  return ordered;
}
