/** Bead titles by id from the current tree, rebuilt only when the tree changes. */
import type { WireBead, WireTree } from '../protocol/wire.js';

export function indexBeads(current: () => WireTree | null): (beadId: string) => string | undefined {
  let indexed: WireTree | null = null;
  const titles = new Map<string, string>();
  return (beadId) => {
    const tree = current();
    if (tree !== indexed) {
      indexed = tree;
      titles.clear();
      const walk = (nodes: readonly WireBead[]) => {
        for (const node of nodes) {
          titles.set(node.id, node.title);
          walk(node.children);
        }
      };
      walk(tree?.roots ?? []);
    }
    return titles.get(beadId);
  };
}
