/** The JSON-safe form of the tree, for the dashboard and `troupe beads --json`. */
import { isClosed } from './status.js';
import type { BeadRollup, WbsNode, WbsTree, WbsWireNode } from './types.js';

export interface WireTreeOptions {
  /** Attach each node's session rollup (see rollupSessions). */
  rollups?: ReadonlyMap<string, BeadRollup>;
  /** Keep closed nodes. When false, a closed node stays only if something open sits below it. Default true. */
  includeClosed?: boolean;
}

function toWireNode(node: WbsNode, options: WireTreeOptions): WbsWireNode | null {
  const children: WbsWireNode[] = [];
  for (const child of node.children) {
    const wire = toWireNode(child, options);
    if (wire) children.push(wire);
  }
  if (options.includeClosed === false && isClosed(node.bead.status) && children.length === 0) return null;
  const rollup = options.rollups?.get(node.id);
  return {
    id: node.id,
    title: node.bead.title,
    type: node.bead.issueType,
    status: node.bead.status,
    priority: node.bead.priority,
    blocked: node.blocked,
    blockedBy: [...node.blockedBy],
    counts: { ...node.counts },
    ...(rollup ? { rollup: { ...rollup, live: { ...rollup.live } } } : {}),
    children,
  };
}

/** The roots, each with its children, as plain data (no Map, no shared references). */
export function toWireTree(tree: WbsTree, options: WireTreeOptions = {}): WbsWireNode[] {
  const roots: WbsWireNode[] = [];
  for (const root of tree.roots) {
    const wire = toWireNode(root, options);
    if (wire) roots.push(wire);
  }
  return roots;
}
