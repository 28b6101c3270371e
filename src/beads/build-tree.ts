/** Builds the WBS tree from live issues: parents, sibling order, blocked flags, subtree counts. */
import { liveIssues } from './dedupe.js';
import { resolveParents } from './resolve-parents.js';
import { BLOCKS, orderSiblings } from './sibling-order.js';
import { isClosed, isInProgress } from './status.js';
import type { Bead, BeadsProblem, WbsNode, WbsTree } from './types.js';

function blockersOf(bead: Bead, byId: Map<string, Bead>, problems: BeadsProblem[]): string[] {
  const open: string[] = [];
  for (const dep of bead.dependencies) {
    if (dep.type !== BLOCKS) continue;
    const blocker = byId.get(dep.dependsOnId);
    if (!blocker) {
      problems.push({
        code: 'dangling-blocker',
        issueId: bead.id,
        line: bead.line,
        message: `${bead.id}: blocker ${dep.dependsOnId} is not a live issue; ignored`,
      });
    } else if (!isClosed(blocker.status) && !open.includes(blocker.id)) {
      open.push(blocker.id);
    }
  }
  return open;
}

/** Pre-order walk without recursion, so a deep chain in odd data cannot overflow the stack. */
function preOrder(roots: WbsNode[]): WbsNode[] {
  const out: WbsNode[] = [];
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!;
      child.depth = node.depth + 1;
      stack.push(child);
    }
  }
  return out;
}

function countSubtrees(order: WbsNode[], byId: Map<string, WbsNode>): void {
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    node.counts.children = node.children.length;
    if (node.parentId === null) continue;
    const parent = byId.get(node.parentId);
    if (!parent) continue;
    const { status } = node.bead;
    parent.counts.closed += node.counts.closed + (isClosed(status) ? 1 : 0);
    parent.counts.inProgress += node.counts.inProgress + (isInProgress(status) ? 1 : 0);
    parent.counts.open += node.counts.open + (!isClosed(status) && !isInProgress(status) ? 1 : 0);
  }
}

/** Never throws on bad data: every oddity is in `problems` and the node still appears. */
export function buildWbsTree(issues: readonly Bead[]): WbsTree {
  const live = liveIssues(issues);
  const problems: BeadsProblem[] = [...live.problems];
  const beadById = new Map<string, Bead>(live.beads.map((b) => [b.id, b]));
  const { parentOf, problems: parentProblems } = resolveParents(beadById);
  problems.push(...parentProblems);

  const byId = new Map<string, WbsNode>();
  const childBeads = new Map<string | null, Bead[]>();
  for (const bead of live.beads) {
    const blockedBy = blockersOf(bead, beadById, problems);
    const parentId = parentOf.get(bead.id) ?? null;
    byId.set(bead.id, {
      id: bead.id,
      bead,
      parentId,
      depth: 0,
      children: [],
      blocked: blockedBy.length > 0,
      blockedBy,
      counts: { children: 0, open: 0, closed: 0, inProgress: 0 },
    });
    const group = childBeads.get(parentId);
    if (group) group.push(bead);
    else childBeads.set(parentId, [bead]);
  }

  let roots: WbsNode[] = [];
  for (const [parentId, beads] of childBeads) {
    const nodes = orderSiblings(beads, problems).map((b) => byId.get(b.id)!);
    if (parentId === null) roots = nodes;
    else byId.get(parentId)!.children = nodes;
  }
  countSubtrees(preOrder(roots), byId);
  return { roots, byId, problems };
}
