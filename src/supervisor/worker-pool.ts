import { Piscina } from 'piscina';
import type { ResourceLimits } from 'node:worker_threads';
import { distPath } from '../paths.js';

/** Worker threads run compiled JS: Node 20 cannot load .ts in a worker by itself. */
export const SESSION_WORKER_FILE = distPath('workers/session-worker.js');

/**
 * How long a thread beyond the warm ones outlives its session. Each idle thread holds its heap
 * (40 ended sessions kept some 600 MB for the minute piscina waited); a new thread costs tens of
 * milliseconds at the next start, so memory is worth more.
 */
export const IDLE_THREAD_MS = 5_000;

export function createSessionPool(options: { maxSessions: number; warmThreads: number; resourceLimits?: ResourceLimits }): Piscina {
  return new Piscina({
    filename: SESSION_WORKER_FILE,
    // Every session holds a thread for its whole life: extra tasks would queue silently.
    maxThreads: options.maxSessions,
    minThreads: Math.min(options.warmThreads, options.maxSessions),
    concurrentTasksPerWorker: 1,
    idleTimeout: IDLE_THREAD_MS,
    // A session task keeps timers and a child process running between calls; never freeze it.
    atomics: 'disabled',
    resourceLimits: options.resourceLimits,
    // piscina tries require() before import(); Node 20's require(esm) can abort the whole process
    // (a V8 fatal error when a module graph is instantiated twice at once). import() only.
    execArgv: [...profilingFlags(), '--no-experimental-require-module'],
  });
}

/** A parent run with --cpu-prof (the bench's profiles) profiles its session threads too; nothing else is passed on. */
function profilingFlags(): string[] {
  return process.execArgv.filter((flag) => /^--cpu-prof(-dir|-interval)?(=|$)/.test(flag));
}
