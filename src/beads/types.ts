/** The beads data model as troupe sees it: normalized issues, problems found in the data, the WBS tree. */
import type { WireBead } from '../protocol/wire.js';

/** One dependency of an issue: "this issue depends on `dependsOnId`" with a bd type. */
export interface BeadDependency {
  dependsOnId: string;
  /** `parent-child` (target is the parent), `blocks` (target is the blocker), `related`, ... */
  type: string;
  createdAt?: string;
}

/** One issue, normalized from a JSONL line or a `bd list --json` element. */
export interface Bead {
  id: string;
  title: string;
  /** `open`, `in_progress`, `blocked`, `deferred`, `closed`, `pinned`, `hooked` or a custom value. */
  status: string;
  /** `bug`, `feature`, `task`, `epic`, `chore`, ... or a custom value. */
  issueType: string;
  /** 0..4, 0 = most urgent. */
  priority: number;
  description?: string;
  design?: string;
  acceptanceCriteria?: string;
  notes?: string;
  assignee?: string;
  owner?: string;
  labels: string[];
  createdAt?: string;
  updatedAt?: string;
  closedAt?: string;
  closeReason?: string;
  dependencies: BeadDependency[];
  /** The `parent` field that `bd list --json` adds; used when no parent-child edge is present. */
  parentHint?: string;
  /** Where it came from: 1-based line of issues.jsonl, or 1-based position in bd's array. */
  line?: number;
}

export type BeadsProblemCode =
  | 'unparsable-line'
  | 'torn-last-line'
  | 'invalid-issue'
  | 'invalid-field'
  | 'duplicate-id'
  | 'dangling-parent'
  | 'multiple-parents'
  | 'parent-cycle'
  | 'dangling-blocker'
  | 'blocks-cycle'
  | 'read-failed'
  | 'watch-failed';

/** Something wrong in the data. It is reported and skipped; it never stops the rest. */
export interface BeadsProblem {
  code: BeadsProblemCode;
  message: string;
  line?: number;
  issueId?: string;
}

export type BeadsSource = 'jsonl' | 'bd';

export interface WbsCounts {
  /** Direct children. */
  children: number;
  /** Descendants (the whole subtree below the node) by state: */
  /** not closed and not in progress (open, blocked, deferred, custom, ...). */
  open: number;
  closed: number;
  inProgress: number;
}

export interface WbsNode {
  id: string;
  bead: Bead;
  parentId: string | null;
  /** 0 for roots. */
  depth: number;
  /** Blockers first (topological over `blocks`), then priority, then id in natural order. */
  children: WbsNode[];
  /** Some `blocks` dependency points at a live issue that is not closed. */
  blocked: boolean;
  /** The ids of those open blockers. */
  blockedBy: string[];
  counts: WbsCounts;
}

export interface WbsTree {
  roots: WbsNode[];
  byId: Map<string, WbsNode>;
  problems: BeadsProblem[];
}

/** Live session numbers and usage totals of a node and its descendants. */
export interface BeadRollup {
  /** Live sessions (starting, running, idle, restarting) by persona. */
  live: Record<string, number>;
  liveTotal: number;
  /** Every session counted here, live or not. */
  sessions: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** The JSON-safe node sent to the dashboard and printed by `troupe beads --json`. */
export interface WbsWireNode extends WireBead {
  rollup?: BeadRollup;
  children: WbsWireNode[];
}
