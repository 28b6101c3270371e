import { defaultChildRegistryDir, reapOrphans, type ReapedGroup } from '../process/child-registry.js';
import { Supervisor } from './supervisor.js';
import type { SupervisorOptions } from './types.js';

export interface CreatedSupervisor {
  supervisor: Supervisor;
  /** Agent process groups left by an earlier troupe that was killed, and reaped now: the caller prints them. */
  reaped: ReapedGroup[];
}

/** Every command that starts sessions goes through here: first reap what a killed troupe left. */
export async function createSupervisor(options: SupervisorOptions): Promise<CreatedSupervisor> {
  const childRegistryDir = options.childRegistryDir ?? defaultChildRegistryDir(process.env);
  const { reaped } = await reapOrphans(childRegistryDir, { graceMs: 1_000 });
  return { supervisor: new Supervisor({ ...options, childRegistryDir }), reaped };
}
