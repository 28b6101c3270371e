/**
 * One change to a repository's worktrees, branches and config at a time (within this process):
 * git takes its own locks (config, refs) and a second writer fails at once instead of waiting, so
 * sessions starting together would refuse each other.
 */
import { resolve } from 'node:path';

const queues = new Map<string, Promise<unknown>>();

export function withRepoLock<T>(projectRoot: string, run: () => Promise<T>): Promise<T> {
  const key = resolve(projectRoot);
  const before = queues.get(key) ?? Promise.resolve();
  const next = before.then(run, run);
  const settled = next.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}
