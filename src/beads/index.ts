// The beads module: read a project's issues, build the WBS tree, watch it, give prompts their context.
export * from './types.js';
export { findProjectRoot, beadsDirOf, BEADS_DIR_NAME, ISSUES_FILE_NAME } from './find-project.js';
export { parseIssue } from './parse-issue.js';
export { parseJsonl } from './parse-jsonl.js';
export { liveIssues } from './dedupe.js';
export { loadBeads, type LoadBeadsOptions, type LoadedBeads } from './load-beads.js';
export { buildWbsTree } from './build-tree.js';
export { loadWbsTree, type LoadedTree } from './load-tree.js';
export { ancestorsOf } from './ancestors.js';
export { watchBeads, type WbsTreeSnapshot, type WatchBeadsOptions } from './watch-beads.js';
export {
  renderBeadContext,
  loadBeadContext,
  beadContextFromTree,
  isValidBeadId,
  MAX_FIELD_CHARS,
  type BeadContext,
  type BeadRef,
} from './bead-context.js';
export { rollupSessions, emptyRollup, isLiveStatus } from './rollup.js';
export { toWireTree, type WireTreeOptions } from './wire-tree.js';
export { renderTreeText } from './render-text.js';
export { naturalCompare } from './natural-compare.js';
export { isClosed, isInProgress, isTombstone } from './status.js';
