/** The tree as indented text for a terminal (`troupe beads`). */
import { cleanLine } from './sanitize.js';
import type { WbsWireNode } from './types.js';

const INDENT = '  ';

function lineOf(node: WbsWireNode, depth: number): string {
  const blocked = node.blocked ? `  [blocked by ${node.blockedBy.map(cleanLine).join(', ')}]` : '';
  const kids = node.counts.children > 0 ? `  (${node.counts.closed}/${node.counts.closed + node.counts.open + node.counts.inProgress} closed)` : '';
  return `${INDENT.repeat(depth)}${cleanLine(node.id)}  ${cleanLine(node.type)}  ${cleanLine(node.status)}  P${node.priority}  ${cleanLine(node.title)}${blocked}${kids}`;
}

/** One line per node, children indented under their parent, in tree order. */
export function renderTreeText(roots: readonly WbsWireNode[]): string {
  const out: string[] = [];
  const stack: Array<{ node: WbsWireNode; depth: number }> = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i]!, depth: 0 });
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    out.push(lineOf(node, depth));
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, depth: depth + 1 });
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
