import { describe, it, expect, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import {
  killProcessTreeNow,
  signalGroup,
  signalProcess,
  terminateProcessTree,
  terminateProcessTrees,
} from '../../src/process/kill-group.js';
import { readProcessIdentity, selfIdentity } from '../../src/process/proc-info.js';
import { cleanupTrees, identity, isRunning, spawnTree } from './fixtures/spawn-tree.js';

afterEach(cleanupTrees);

/**
 * A pid no process and no process group can have: above pid_max. A free pid below it may still
 * name a live group whose leader is gone (a busy machine had one), and kill(-pgid) finds that.
 */
function unusedPid(): number {
  return Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) + 1;
}

describe('signalGroup', () => {
  it('returns false for a group that does not exist', () => {
    expect(signalGroup(unusedPid(), 'SIGTERM')).toBe(false);
    expect(signalProcess(unusedPid(), 'SIGTERM')).toBe(false);
  });

  it("refuses pgid 0, 1 and troupe's own group, and troupe itself", () => {
    expect(() => signalGroup(0, 'SIGTERM')).toThrow(/integer > 1/);
    expect(() => signalGroup(1, 'SIGTERM')).toThrow(/integer > 1/);
    expect(() => signalGroup(selfIdentity().pgid, 'SIGTERM')).toThrow(/own process group/);
    expect(() => signalProcess(process.pid, 'SIGTERM')).toThrow(/troupe itself/);
    expect(isRunning(process.pid)).toBe(true);
  });

  it('signals every member of a detached group', async () => {
    const { leader, printed } = await spawnTree('sleep 30 & echo $!; sleep 30 & echo $!; wait', 2);
    expect(printed.map((pid) => identity(pid).pgid)).toEqual([leader, leader]);
    expect(signalGroup(leader, 'SIGKILL')).toBe(true);
    const result = await terminateProcessTree(leader, { graceMs: 1000 }); // waits until /proc shows them gone
    expect(result.exited).toBe(true);
    for (const pid of [leader, ...printed]) expect(isRunning(pid)).toBe(false);
  });
});

describe('terminateProcessTree', () => {
  it('ends a whole group with SIGTERM, no escalation', async () => {
    const { leader, printed } = await spawnTree('sleep 30 & echo $!; sleep 30 & echo $!; wait', 2);
    expect(printed.every(isRunning)).toBe(true);
    const result = await terminateProcessTree(leader, { graceMs: 5000 });
    expect(result).toEqual({ exited: true, escalated: false, survivors: [] });
    for (const pid of [leader, ...printed]) expect(isRunning(pid)).toBe(false);
  });

  it('SIGKILLs a tree that ignores SIGTERM once the grace period is over', async () => {
    // An ignored disposition survives exec, so the sleeps ignore TERM too.
    const { leader, printed } = await spawnTree(`trap '' TERM; sleep 30 & echo $!; wait`, 1);
    const result = await terminateProcessTree(leader, { graceMs: 300 });
    expect(result).toEqual({ exited: true, escalated: true, survivors: [] });
    for (const pid of [leader, ...printed]) expect(isRunning(pid)).toBe(false);
  });

  it('also ends a grandchild that left the group with setsid', async () => {
    const { leader, printed } = await spawnTree(`setsid sh -c 'echo $$; exec sleep 30' & wait`, 1);
    const escaped = printed[0] as number;
    expect(identity(escaped).pgid).not.toBe(leader);
    const result = await terminateProcessTree(leader, { graceMs: 5000 });
    expect(result.exited).toBe(true);
    expect(isRunning(escaped)).toBe(false);
    expect(isRunning(leader)).toBe(false);
  });

  it('SIGKILLs an escaped subtree that ignores SIGTERM (tree-kill)', async () => {
    // Each line is printed after setsid ran: the escaped sh, then its sleep.
    const script = `trap '' TERM; setsid sh -c 'echo $$; sleep 30 & echo $!; wait' & wait`;
    const { leader, printed } = await spawnTree(script, 2);
    for (const pid of printed) expect(identity(pid).pgid).not.toBe(leader);
    const result = await terminateProcessTree(leader, { graceMs: 300 });
    expect(result).toEqual({ exited: true, escalated: true, survivors: [] });
    for (const pid of [leader, ...printed]) expect(isRunning(pid)).toBe(false);
  });

  it('counts a zombie as dead (a child whose parent never reaps it)', async () => {
    // The child runs setsid (own group); its parent then execs sleep, which never waits.
    const { leader, printed } = await spawnTree(`setsid sh -c 'echo $$; exec sleep 30' & exec sleep 30`, 1);
    const orphanable = printed[0] as number;
    expect(identity(orphanable).ppid).toBe(leader);
    const result = await terminateProcessTree(orphanable, { graceMs: 5000 });
    expect(result).toEqual({ exited: true, escalated: false, survivors: [] });
    expect(identity(orphanable).state).toBe('Z');
    expect(isRunning(leader)).toBe(true);
  });

  it("kills only the child's tree when it shares troupe's own group", async () => {
    const { leader, printed } = await spawnTree('sleep 30 & echo $!; wait', 1, false);
    expect(identity(leader).pgid).toBe(selfIdentity().pgid);
    const result = await terminateProcessTree(leader, { graceMs: 5000 });
    expect(result.exited).toBe(true);
    expect(isRunning(printed[0] as number)).toBe(false);
    expect(isRunning(process.pid)).toBe(true);
  });

  it('ends the group a reaped leader left behind', async () => {
    const { child, leader, printed } = await spawnTree('sleep 30 & echo $!; exit 0', 1);
    if (child.exitCode === null) await once(child, 'exit');
    expect(readProcessIdentity(leader)).toBeNull();
    expect(identity(printed[0] as number).pgid).toBe(leader);
    const result = await terminateProcessTree(leader, { graceMs: 5000 });
    expect(result).toEqual({ exited: true, escalated: false, survivors: [] });
    expect(isRunning(printed[0] as number)).toBe(false);
  });

  it('resolves at once for a pid that is already gone', async () => {
    expect(await terminateProcessTree(unusedPid(), { graceMs: 5000 })).toEqual({
      exited: true,
      escalated: false,
      survivors: [],
    });
  });
});

describe('terminateProcessTrees', () => {
  it('ends many trees in one pass: each gets SIGTERM, only the one that ignores it is SIGKILLed, a gone pid is fine', async () => {
    const polite = await spawnTree('sleep 30 & echo $!; wait', 1);
    const stubborn = await spawnTree(`trap '' TERM; sleep 30 & echo $!; wait`, 1);
    const escaping = await spawnTree(`setsid sh -c 'echo $$; exec sleep 30' & wait`, 1);
    const results = await terminateProcessTrees([polite.leader, stubborn.leader, unusedPid(), escaping.leader], { graceMs: 1000 });
    expect(results).toEqual([
      { exited: true, escalated: false, survivors: [] },
      { exited: true, escalated: true, survivors: [] },
      { exited: true, escalated: false, survivors: [] },
      { exited: true, escalated: false, survivors: [] },
    ]);
    for (const tree of [polite, stubborn, escaping]) for (const pid of [tree.leader, ...tree.printed]) expect(isRunning(pid)).toBe(false);
  });

  it('does nothing for no pids', async () => {
    expect(await terminateProcessTrees([], { graceMs: 1000 })).toEqual([]);
  });
});

describe('killProcessTreeNow', () => {
  it('SIGKILLs the group and escaped descendants without a grace period', async () => {
    const script = `trap '' TERM; sleep 30 & echo $!; setsid sh -c 'echo $$; exec sleep 30' & wait`;
    const { leader, printed } = await spawnTree(script, 2);
    expect(printed.filter((pid) => identity(pid).pgid !== leader)).toHaveLength(1);
    const result = await killProcessTreeNow(leader);
    expect(result).toEqual({ exited: true, escalated: true, survivors: [] });
    for (const pid of [leader, ...printed]) expect(isRunning(pid)).toBe(false);
  });
});
