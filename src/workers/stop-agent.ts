import { DEFAULT_KILL_WAIT_MS } from '../process/kill-group.js';
import type { Clock, TimerHandle } from '../time/clock.js';
import type { AgentHost } from './agent-host.js';
import type { AgentProcess } from './agent-process.js';

/**
 * Ends the agent of a session being stopped; resolves once it has exited and its output is read
 * to EOF. When the supervisor is ending it from the main thread (`supervisorEnds`), this thread
 * only waits: its own SIGTERM and /proc polling took seconds on a loaded machine (it runs at
 * nice 19) after the agent was long gone. Should the agent outlive the supervisor's grace and
 * SIGKILL, it ends the tree itself.
 */
export async function stopAgent(
  agent: { proc: AgentProcess; pid: number | undefined },
  graceMs: number,
  supervisorEnds: boolean,
  deps: { host: AgentHost; clock: Clock },
): Promise<void> {
  const { proc, pid } = agent;
  if (pid && !(supervisorEnds && (await exitsWithin(proc, graceMs + DEFAULT_KILL_WAIT_MS, deps.clock)))) {
    await deps.host.terminateTree(pid, graceMs);
  }
  await proc.exited;
}

async function exitsWithin(proc: AgentProcess, ms: number, clock: Clock): Promise<boolean> {
  let timer!: TimerHandle;
  const late = new Promise<false>((resolve) => {
    timer = clock.setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([proc.exited.then(() => true as const), late]);
  } finally {
    clock.clearTimeout(timer);
  }
}
