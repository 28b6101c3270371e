/** One bead per id, tombstones hidden: the set of live issues a tree is built from. */
import { isTombstone } from './status.js';
import type { Bead, BeadsProblem } from './types.js';

export interface LiveIssues {
  beads: Bead[];
  problems: BeadsProblem[];
  /** How many tombstoned issues were hidden. */
  hidden: number;
}

/** A later line with the same id replaces the earlier one (and may tombstone it). */
export function liveIssues(all: readonly Bead[]): LiveIssues {
  const byId = new Map<string, Bead>();
  const problems: BeadsProblem[] = [];
  for (const bead of all) {
    const earlier = byId.get(bead.id);
    if (earlier) {
      problems.push({
        code: 'duplicate-id',
        issueId: bead.id,
        line: bead.line,
        message: `id ${bead.id} appears again${earlier.line ? ` (first at line ${earlier.line})` : ''}; the later one is kept`,
      });
      byId.delete(bead.id);
    }
    byId.set(bead.id, bead);
  }
  const beads: Bead[] = [];
  let hidden = 0;
  for (const bead of byId.values()) {
    if (isTombstone(bead.status)) hidden++;
    else beads.push(bead);
  }
  return { beads, problems, hidden };
}
