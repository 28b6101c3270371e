import { describe, it, expect, afterEach } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  isSameProcess,
  isSameProcessAsync,
  listDescendants,
  listDescendantsAsync,
  listGroupMembers,
  listGroupMembersAsync,
  readProcessIdentity,
  readProcessIdentityAsync,
  selfIdentity,
} from '../../src/process/proc-info.js';

const spawned: ChildProcess[] = [];

/** A detached `sh` that starts two sleeping children and prints their pids. */
async function spawnTree(): Promise<{ leader: number; kids: number[] }> {
  const child = spawn('sh', ['-c', 'sleep 30 & echo $!; sleep 30 & echo $!; wait'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  spawned.push(child);
  const kids: number[] = [];
  let buffer = '';
  child.stdout?.setEncoding('utf8');
  for await (const data of child.stdout as AsyncIterable<string>) {
    buffer += data;
    const lines = buffer.split('\n').filter(Boolean);
    if (lines.length >= 2) {
      kids.push(...lines.slice(0, 2).map(Number));
      break;
    }
  }
  return { leader: child.pid as number, kids };
}

afterEach(async () => {
  for (const child of spawned.splice(0)) {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }
});

describe('proc-info', () => {
  it('reads this process: pid, pgid, start time and argv', () => {
    const self = selfIdentity();
    expect(self.pid).toBe(process.pid);
    expect(self.state).not.toBe('Z');
    expect(self.startTime).toMatch(/^\d+$/);
    expect(self.cmdline[0]).toContain('node');
  });

  it('returns null for a pid that does not exist or is not a pid', async () => {
    expect(readProcessIdentity(0)).toBeNull();
    expect(readProcessIdentity(-5)).toBeNull();
    expect(readProcessIdentity(2 ** 31)).toBeNull();
    expect(await readProcessIdentityAsync(2 ** 31)).toBeNull();
  });

  it('sync and async twins agree on a detached tree', async () => {
    const { leader, kids } = await spawnTree();
    const sync = readProcessIdentity(leader);
    const async = await readProcessIdentityAsync(leader);
    // state is sampled at read time (R/S flips while the shell runs), so compare the identity without it
    const { state: syncState, ...syncIdentity } = sync ?? { state: '' };
    const { state: asyncState, ...asyncIdentity } = async ?? { state: '' };
    expect(syncIdentity).toEqual(asyncIdentity);
    expect(syncState).not.toBe('Z');
    expect(asyncState).not.toBe('Z');
    expect(sync?.pgid).toBe(leader);
    expect(sync?.ppid).toBe(process.pid);
    expect(sync?.cmdline).toEqual(['sh', '-c', 'sleep 30 & echo $!; sleep 30 & echo $!; wait']);

    expect(listGroupMembers(leader).sort()).toEqual([leader, ...kids].sort());
    expect((await listGroupMembersAsync(leader)).sort()).toEqual([leader, ...kids].sort());
    expect(listDescendants(leader).sort()).toEqual([...kids].sort());
    expect((await listDescendantsAsync(leader)).sort()).toEqual([...kids].sort());
  });

  it('tells a live process from a look-alike with another start time or cmdline', async () => {
    const { leader } = await spawnTree();
    const id = readProcessIdentity(leader);
    if (!id) throw new Error('leader not readable');
    expect(isSameProcess({ pid: leader, startTime: id.startTime })).toBe(true);
    expect(isSameProcess({ pid: leader, startTime: id.startTime, cmdline: id.cmdline })).toBe(true);
    expect(await isSameProcessAsync({ pid: leader, startTime: id.startTime, cmdline: id.cmdline })).toBe(true);
    expect(isSameProcess({ pid: leader, startTime: `${id.startTime}1` })).toBe(false);
    expect(isSameProcess({ pid: leader, startTime: id.startTime, cmdline: ['sh'] })).toBe(false);
    expect(await isSameProcessAsync({ pid: 2 ** 31, startTime: id.startTime })).toBe(false);
  });
});
