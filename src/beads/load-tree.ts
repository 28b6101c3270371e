/** Load and build in one call: what the CLI, the server and prompt building use. */
import { buildWbsTree } from './build-tree.js';
import { loadBeads, type LoadBeadsOptions, type LoadedBeads } from './load-beads.js';
import type { WbsTree } from './types.js';

export interface LoadedTree extends Omit<LoadedBeads, 'issues'> {
  tree: WbsTree;
  /** Reading problems and tree problems together. */
  problems: LoadedBeads['problems'];
  issueCount: number;
}

export async function loadWbsTree(projectRoot: string, options: LoadBeadsOptions = {}): Promise<LoadedTree> {
  const { issues, problems, ...rest } = await loadBeads(projectRoot, options);
  const tree = buildWbsTree(issues);
  return { ...rest, tree, problems: [...problems, ...tree.problems], issueCount: issues.length };
}
