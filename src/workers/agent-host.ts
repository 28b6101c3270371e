/**
 * Everything the session runner does to the operating system, behind one interface: spawning the
 * agent, signalling and ending its process group, the on-disk registry, scheduling. The worker
 * uses the real one; tests of the runner's state machine use a scripted one, on virtual time.
 */
import type { CommandLine } from '../backends/types.js';
import { registerChild, unregisterChild, type ChildEntry } from '../process/child-registry.js';
import { signalGroup, terminateProcessTree } from '../process/kill-group.js';
import { listGroupMembersAsync, readProcessIdentity } from '../process/proc-info.js';
import { spawnAgentProcess, type AgentProcess, type AgentProcessEvents } from './agent-process.js';
import { lowerAgentPriority } from './scheduling.js';

export interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
  maxLineBytes: number;
}

export interface AgentHost {
  spawn(command: CommandLine, options: SpawnOptions, events: AgentProcessEvents): AgentProcess;
  signalGroup(pgid: number, signal: NodeJS.Signals): void;
  /** SIGTERM the tree, wait up to graceMs, SIGKILL what is left. */
  terminateTree(pid: number, graceMs: number): Promise<void>;
  /** Live members of a process group. */
  listGroup(pgid: number): Promise<number[]>;
  /** Registers a live agent group so a later troupe can reap it; throws when it cannot. */
  register(dir: string, entry: Omit<ChildEntry, 'startTime' | 'cmdline'>): void;
  unregister(dir: string, pid: number): void;
  lowerPriority(pid: number): void;
}

export const realAgentHost: AgentHost = {
  spawn: spawnAgentProcess,
  signalGroup: (pgid, signal) => signalGroup(pgid, signal),
  terminateTree: async (pid, graceMs) => {
    await terminateProcessTree(pid, { graceMs });
  },
  listGroup: listGroupMembersAsync,
  register: (dir, entry) => {
    const identity = readProcessIdentity(entry.pid);
    registerChild(dir, { ...entry, startTime: identity?.startTime ?? '', cmdline: identity?.cmdline ?? [] });
  },
  unregister: unregisterChild,
  lowerPriority: lowerAgentPriority,
};
