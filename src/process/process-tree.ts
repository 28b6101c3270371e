/** Pure queries over a snapshot of the process table. */
import { isDeadState, type ProcessStat } from './proc-stat.js';

/** Live (non-zombie) members of a process group. */
export function groupMembersIn(table: readonly ProcessStat[], pgid: number): number[] {
  return table.filter((p) => p.pgid === pgid && !isDeadState(p.state)).map((p) => p.pid);
}

/**
 * Live descendants of `pid` through ppid links (not `pid` itself). Zombies are
 * walked through (their children may not be reparented yet) but not returned.
 */
export function descendantsIn(table: readonly ProcessStat[], pid: number): number[] {
  const children = new Map<number, ProcessStat[]>();
  for (const p of table) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const found: number[] = [];
  const seen = new Set<number>([pid]);
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const child of children.get(parent) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      queue.push(child.pid);
      if (!isDeadState(child.state)) found.push(child.pid);
    }
  }
  return found;
}
