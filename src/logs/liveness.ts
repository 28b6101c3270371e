/** Whether the troupe process that owns a session log is still running. */
import { isDeadState } from '../process/proc-stat.js';
import { isSameProcessAsync, readProcessIdentityAsync } from '../process/proc-info.js';
import type { LogOwner } from './records.js';

/** Decides liveness of a log's owner; injectable so callers (and the supervisor itself) can answer. */
export type IsLive = (owner: LogOwner) => boolean | Promise<boolean>;

/**
 * The owner is alive when its pid runs and, if the log recorded its start time, that start time
 * matches, so a pid reused by an unrelated process does not keep a dead session "running".
 */
export async function isOwnerAlive(owner: LogOwner): Promise<boolean> {
  if (owner.troupeStartTime !== undefined) {
    return isSameProcessAsync({ pid: owner.troupePid, startTime: owner.troupeStartTime });
  }
  const current = await readProcessIdentityAsync(owner.troupePid);
  return current !== null && !isDeadState(current.state);
}
