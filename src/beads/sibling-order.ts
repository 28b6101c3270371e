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
  const ready = new MinHeap<Bead>(comparePriorityThenId);
  for (const bead of siblings) if (waitingOn.get(bead.id) === 0) ready.push(bead);
  const ordered: Bead[] = [];
  const placed = new Set<string>();
  let cycleReported = false;
  while (ordered.length < siblings.length) {
    let next = ready.pop();
    if (next === undefined) {
      // Only a cycle leaves nothing ready: place the first of the rest and go on.
      const rest = siblings.filter((b) => !placed.has(b.id)).sort(comparePriorityThenId);
      next = rest[0]!;
      if (!cycleReported) {
        cycleReported = true;
        problems.push({
          code: 'blocks-cycle',
          issueId: next.id,
          message: `blocking cycle among ${rest.map((b) => b.id).join(', ')}; ordered by priority from ${next.id}`,
        });
      }
    }
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
