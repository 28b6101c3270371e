/** The chain of parents of a node, from the root down to its direct parent. */
import type { WbsNode, WbsTree } from './types.js';

export function ancestorsOf(tree: WbsTree, id: string): WbsNode[] {
  const chain: WbsNode[] = [];
  const seen = new Set<string>([id]);
  let parentId = tree.byId.get(id)?.parentId ?? null;
  // `seen` guards against a hand-made tree with a cycle; built trees have none.
  while (parentId !== null && !seen.has(parentId)) {
    const parent = tree.byId.get(parentId);
    if (!parent) break;
    seen.add(parentId);
    chain.push(parent);
    parentId = parent.parentId;
  }
  return chain.reverse();
}
