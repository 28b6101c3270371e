import { describe, it, expect, afterEach, beforeEach } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import {
  defaultChildRegistryDir,
  reapOrphans,
  registerChild,
  unregisterChild,
  unregisterChildAsync,
  type ChildEntry,
} from '../../src/process/child-registry.js';
import { selfIdentity } from '../../src/process/proc-info.js';
import { cleanupTrees, deadOwner, identity, isRunning, spawnTree } from './fixtures/spawn-tree.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-children-'));
});

afterEach(async () => {
  await cleanupTrees();
  rmSync(dir, { recursive: true, force: true });
});

function liveOwner(): { ownerPid: number; ownerStartTime: string } {
  const self = selfIdentity();
  return { ownerPid: self.pid, ownerStartTime: self.startTime };
}

function entryFor(pid: number, owner: { ownerPid: number; ownerStartTime: string }): ChildEntry {
  const id = identity(pid);
  return { pid, pgid: id.pgid, startTime: id.startTime, cmdline: id.cmdline, sessionId: 's-1', ...owner };
}

/** Above pid_max: no process has it, nor can get it while the test runs (a free pid below could be taken). */
function unusedPid(): number {
  return Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) + 1;
}

describe('defaultChildRegistryDir', () => {
  it('prefers TROUPE_STATE_DIR, then an absolute XDG_STATE_HOME, then ~/.local/state', () => {
    expect(defaultChildRegistryDir({ TROUPE_STATE_DIR: '/s', XDG_STATE_HOME: '/x', HOME: '/h' })).toBe('/s/children');
    expect(defaultChildRegistryDir({ XDG_STATE_HOME: '/x', HOME: '/h' })).toBe('/x/troupe/children');
    expect(defaultChildRegistryDir({ XDG_STATE_HOME: 'rel', HOME: '/h' })).toBe('/h/.local/state/troupe/children');
    expect(defaultChildRegistryDir({ HOME: '/h' })).toBe('/h/.local/state/troupe/children');
  });
});

describe('registerChild / unregisterChild', () => {
  it('writes one entry per child atomically and removes it again', async () => {
    const { leader } = await spawnTree('sleep 30 & echo $!; wait', 1);
    const entry = entryFor(leader, liveOwner());
    const nested = path.join(dir, 'a', 'b');
    registerChild(nested, entry);
    expect(readdirSync(nested)).toEqual([`${leader}.json`]); // no temp file left
    // The cmdline holds the prompt: private, like the session logs.
    expect(statSync(path.join(nested, `${leader}.json`)).mode & 0o777).toBe(0o600);
    expect(statSync(nested).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(path.join(nested, `${leader}.json`), 'utf8'))).toEqual(entry);
    unregisterChild(nested, leader);
    expect(readdirSync(nested)).toEqual([]);
    expect(() => unregisterChild(nested, leader)).not.toThrow();
    await expect(unregisterChildAsync(nested, leader)).resolves.toBeUndefined();
    expect(isRunning(leader)).toBe(true);
  });

  it('refuses an entry without start times, writing nothing', () => {
    const base = { pid: 4242, pgid: 4242, cmdline: ['x'], sessionId: 's', ownerPid: 4243 };
    expect(() => registerChild(dir, { ...base, startTime: '', ownerStartTime: '1' })).toThrow(/startTime must be a non-empty string/);
    expect(() => registerChild(dir, { ...base, startTime: '1', ownerStartTime: '' })).toThrow(/ownerStartTime/);
    expect(() => registerChild(dir, { ...base, pid: 1.5, startTime: '1', ownerStartTime: '1' })).toThrow(/pid must be an integer/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("leaves another owner's entry for the same pid in place", async () => {
    const { leader } = await spawnTree('sleep 30 & echo $!; wait', 1);
    registerChild(dir, entryFor(leader, await deadOwner()));
    unregisterChild(dir, leader);
    await unregisterChildAsync(dir, leader);
    expect(readdirSync(dir)).toEqual([`${leader}.json`]);
  });
});

describe('reapOrphans', () => {
  it('returns nothing for a registry that does not exist', async () => {
    expect(await reapOrphans(path.join(dir, 'none'), { graceMs: 100 })).toEqual({ reaped: [], skipped: [] });
  });

  it("ends a dead owner's orphan: its group and a descendant that escaped with setsid", async () => {
    const script = `sleep 30 & echo $!; setsid sh -c 'echo $$; exec sleep 30' & wait`;
    const { leader, printed } = await spawnTree(script, 2);
    const entry = entryFor(leader, await deadOwner());
    registerChild(dir, entry);
    const result = await reapOrphans(dir, { graceMs: 2000 });
    expect(result.skipped).toEqual([]);
    expect(result.reaped.map((group) => group.entry)).toEqual([entry]);
    expect(result.reaped[0]?.processes.map((p) => p.pid).sort()).toEqual([leader, ...printed].sort());
    for (const pid of [leader, ...printed]) expect(isRunning(pid)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('ends the group an orphan leader left behind when it died, proven ours by the owner marker', async () => {
    const owner = await deadOwner();
    const marker = { TROUPE_OWNER: `${owner.ownerPid}:${owner.ownerStartTime}` };
    const { child, leader, printed } = await spawnTree('sleep 30 & echo $!; wait', 1, true, marker);
    registerChild(dir, entryFor(leader, owner));
    process.kill(leader, 'SIGKILL');
    await once(child, 'exit');
    expect(isRunning(printed[0] as number)).toBe(true);
    const result = await reapOrphans(dir, { graceMs: 2000 });
    expect(result.reaped.map((group) => group.entry.pid)).toEqual([leader]);
    expect(result.reaped[0]?.processes).toEqual([{ pid: printed[0], cmdline: ['sleep', '30'] }]);
    expect(isRunning(printed[0] as number)).toBe(false);
  });

  it('never touches a live pid whose start time or cmdline differs (a look-alike)', async () => {
    const a = await spawnTree('sleep 30 & echo $!; wait', 1);
    const b = await spawnTree('sleep 30 & echo $!; wait', 1);
    const owner = await deadOwner();
    const otherStart = entryFor(a.leader, owner);
    otherStart.startTime = String(Number(otherStart.startTime) - 1);
    const otherCmd = { ...entryFor(b.leader, owner), cmdline: ['claude', '-p', 'hello'] };
    registerChild(dir, otherStart);
    registerChild(dir, otherCmd);
    const result = await reapOrphans(dir, { graceMs: 100 });
    expect(result.reaped).toEqual([]);
    expect(result.skipped.map((s) => s.removed)).toEqual([true, true]);
    expect(result.skipped.every((s) => /another process/.test(s.why))).toBe(true);
    for (const pid of [a.leader, ...a.printed, b.leader, ...b.printed]) expect(isRunning(pid)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves the children of a live owner alone, entry included', async () => {
    const { leader, printed } = await spawnTree('sleep 30 & echo $!; wait', 1);
    const entry = entryFor(leader, liveOwner());
    registerChild(dir, entry);
    const result = await reapOrphans(dir, { graceMs: 100 });
    expect(result.reaped).toEqual([]);
    expect(result.skipped).toEqual([
      { entry, file: path.join(dir, `${leader}.json`), why: `owner troupe ${process.pid} is alive`, removed: false },
    ]);
    expect(isRunning(leader) && isRunning(printed[0] as number)).toBe(true);
    expect(existsSync(path.join(dir, `${leader}.json`))).toBe(true);
  });

  it('removes stale entries and keeps unreadable ones', async () => {
    const gone = unusedPid();
    const owner = await deadOwner();
    registerChild(dir, { pid: gone, pgid: gone, startTime: '5', cmdline: ['x'], sessionId: 's', ...owner });
    writeFileSync(path.join(dir, '777.json'), '{ not json');
    const result = await reapOrphans(dir, { graceMs: 100 });
    expect(result.reaped).toEqual([]);
    const byFile = new Map(result.skipped.map((s) => [path.basename(s.file), s]));
    expect(byFile.get(`${gone}.json`)).toMatchObject({ why: 'child already gone', removed: true });
    expect(byFile.get('777.json')).toMatchObject({ removed: false });
    expect(byFile.get('777.json')?.why).toMatch(/^unreadable entry/);
    expect(readdirSync(dir)).toEqual(['777.json']);
    expect(isRunning(gone)).toBe(false);
  });
});
