import { setPriority } from 'node:os';
import { writeFileSync } from 'node:fs';

/**
 * On a busy machine the supervisor's main thread must not queue for a CPU behind every session.
 * Linux gives each thread its own nice value and each detached agent (its own session) its own
 * scheduling autogroup, which would otherwise weigh as much as the whole troupe process: with 100
 * agents at nice 10 the main thread's loop lag p99 was 280 ms, at nice 19 3 ms (npm run bench).
 * Agents yield only while troupe has work, which is their own output. An agent starts at nice 19;
 * the supervisor then sets the nice that fits the number of live agents (agent-priority.ts): one
 * alone at 19 got ~1.5% of a core beside two CPU hogs.
 */
export const WORKER_THREAD_NICE = 19;
export const AGENT_AUTOGROUP_NICE = 19;

/** Lowers the calling worker thread's priority (only this thread on Linux). */
export function lowerThisThreadPriority(): void {
  try {
    setPriority(0, WORKER_THREAD_NICE);
  } catch {
    // Not permitted or not supported: run at normal priority.
  }
}

/** Lowers an agent's scheduling autogroup (its setsid session), where the kernel has autogroups. */
export function lowerAgentPriority(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/autogroup`, String(AGENT_AUTOGROUP_NICE));
  } catch {
    // No autogroup support (or the agent already exited): nothing to lower.
  }
}
