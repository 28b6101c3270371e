/**
 * How nice the agents' scheduling autogroups are. Each agent runs in its own session (setsid), so
 * Linux gives it an autogroup that weighs, at nice 0, as much as troupe's whole process. At a fixed
 * nice 19 (weight 15) one agent beside two CPU hogs got ~1.5% of a core; at nice 0, 100 agents
 * would outweigh troupe's main thread 100 to 1. So the nice follows the number of live agents:
 * together they weigh about what one nice-0 group does (one agent: nice 0; 100: nice 19).
 */
import { writeFile } from 'node:fs/promises';

/** The kernel's CFS weights for nice 0..19 (sched_prio_to_weight). */
const WEIGHTS = [1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110, 87, 70, 56, 45, 36, 29, 23, 18, 15];
export const MAX_AGENT_NICE = WEIGHTS.length - 1;

/** The nice whose weight is nearest (as a ratio) to a 1/n share of a nice-0 group. */
export function agentNiceFor(liveAgents: number): number {
  if (liveAgents <= 1) return 0;
  const share = WEIGHTS[0]! / liveAgents;
  let best = 0;
  for (let nice = 1; nice < WEIGHTS.length; nice += 1) {
    if (Math.abs(Math.log(WEIGHTS[nice]! / share)) < Math.abs(Math.log(WEIGHTS[best]! / share))) best = nice;
  }
  return best;
}

/** Sets an agent's autogroup nice; false where the kernel has no autogroups or the agent is gone. */
export async function setAutogroupNice(pid: number, nice: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/autogroup`, String(nice));
    return true;
  } catch {
    return false;
  }
}
