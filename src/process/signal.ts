/** Sending one signal to a process or a process group, with the guards that keep troupe from signalling itself. */
import { troupeError } from '../errors/troupe-error.js';
import { selfIdentity } from './proc-info.js';

let ownGroup: number | undefined;

/** troupe's own process group, read once (it does not change while we run). */
export function ownProcessGroup(): number {
  ownGroup ??= selfIdentity().pgid;
  return ownGroup;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ESRCH';
}

/**
 * Signals every member of process group `pgid` (`kill(-pgid)`); false when the
 * group no longer exists. Refuses pgid 0/1 and troupe's own group: either
 * would signal far more than one agent.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  if (!Number.isInteger(pgid) || pgid <= 1) {
    throw troupeError('INVALID_ARGUMENT', `process group must be an integer > 1, got ${String(pgid)}`);
  }
  if (pgid === ownProcessGroup()) {
    throw troupeError('INVALID_ARGUMENT', `refusing to signal troupe's own process group ${pgid}`);
  }
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/** Signals one process; false when it no longer exists. Refuses troupe itself. */
export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  if (!Number.isInteger(pid) || pid <= 1) {
    throw troupeError('INVALID_ARGUMENT', `pid must be an integer > 1, got ${String(pid)}`);
  }
  if (pid === process.pid) {
    throw troupeError('INVALID_ARGUMENT', `refusing to signal troupe itself (pid ${pid})`);
  }
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}
