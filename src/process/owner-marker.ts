/**
 * The mark troupe puts in the environment of every agent it spawns (and so of everything the agent
 * starts): `TROUPE_OWNER=<troupe pid>:<its start time>`. After a crash it proves that a process in
 * a registered group is ours even when the group's leader is gone and its pid could name another's.
 */
import { readFile } from 'node:fs/promises';
import { selfIdentity } from './proc-info.js';

export const OWNER_MARKER_VAR = 'TROUPE_OWNER';

export function ownerMarker(ownerPid: number, ownerStartTime: string): string {
  return `${ownerPid}:${ownerStartTime}`;
}

let own: string | undefined;

/** The env entry for agents spawned by this process (sync: read once, on a worker thread or at start). */
export function ownOwnerMarkerEnv(): Record<string, string> {
  own ??= ownerMarker(process.pid, selfIdentity().startTime);
  return { [OWNER_MARKER_VAR]: own };
}

function carries(environ: string, marker: string): boolean {
  return environ.split('\0').includes(`${OWNER_MARKER_VAR}=${marker}`);
}

/** Whether /proc/<pid>/environ holds the marker of that owner; false when it cannot be read (gone, not ours to read). */
export async function hasOwnerMarkerAsync(pid: number, ownerPid: number, ownerStartTime: string): Promise<boolean> {
  try {
    return carries(await readFile(`/proc/${pid}/environ`, 'latin1'), ownerMarker(ownerPid, ownerStartTime));
  } catch {
    return false;
  }
}
