/** The `tree-kill` package as a promise, for descendants that left the agent's process group. */
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import treeKill from 'tree-kill';

let psFound: Promise<boolean> | undefined;

/** tree-kill spawns `ps`; without it the spawn's error event would be unhandled, so look first. */
function hasPs(): Promise<boolean> {
  psFound ??= (async () => {
    for (const dir of (process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean)) {
      try {
        await access(path.join(dir, 'ps'), constants.X_OK);
        return true;
      } catch {
        // not in this directory
      }
    }
    return false;
  })();
  return psFound;
}

/** Signals `pid` and every descendant `ps` finds now; false when `ps` is missing or the kill failed. */
export async function treeKillAsync(pid: number, signal: NodeJS.Signals): Promise<boolean> {
  if (!(await hasPs())) return false;
  return new Promise((resolve) => {
    treeKill(pid, signal, (error) => resolve(error === undefined || error === null));
  });
}
