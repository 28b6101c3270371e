/**
 * The reaper signals a group only when a process in it is proven ours. Real process groups made
 * with setsid, whose leader exits and leaves a member running: the state a reused group id leaves.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reapOrphans, registerChild, type ChildEntry } from '../../src/process/child-registry.js';
import { describeReaped } from '../../src/process/reap-report.js';
import { readProcessIdentity } from '../../src/process/proc-info.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { simEnv } from '../helpers/sim-env.js';
import { troupe } from '../helpers/troupe-cli.js';
import { cleanupTrees, deadOwner, identity, isRunning, spawnTree, track } from './fixtures/spawn-tree.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'troupe-reap-'));
});
afterEach(async () => {
  await cleanupTrees();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A group whose leader has exited and whose member (a `sleep`) runs on: group id = the dead
 * leader's pid. `env` is given to both. Returns the group id and the member.
 */
async function orphanedGroup(env: Record<string, string> = {}): Promise<{ pgid: number; leaderStartTime: string; member: number }> {
  const { child, leader, printed } = await spawnTree('sleep 30 & echo $!', 1, true, env);
  const leaderStartTime = identity(leader).startTime;
  if (child.exitCode === null) await once(child, 'exit');
  const member = printed[0] as number;
  expect(readProcessIdentity(member)?.pgid).toBe(leader);
  expect(readProcessIdentity(leader)).toBeNull();
  return { pgid: leader, leaderStartTime, member };
}

function entry(pid: number, owner: { ownerPid: number; ownerStartTime: string }, over: Partial<ChildEntry> = {}): ChildEntry {
  return { pid, pgid: pid, startTime: '1', cmdline: ['node', 'troupe-sim-agent', '-p', 'x'], sessionId: 's-1', ...owner, ...over };
}

describe('reapOrphans proves a group is ours before it signals it', () => {
  it("leaves alone a stranger's group that holds a dead child's group id, and removes the stale entry", async () => {
    const owner = await deadOwner();
    // The registered child was this group's leader; it is gone, and the group's member is not ours.
    const group = await orphanedGroup();
    registerChild(dir, entry(group.pgid, owner, { startTime: group.leaderStartTime, cmdline: ['sh', '-c', 'sleep 30 & echo $!'] }));
    const result = await reapOrphans(dir, { graceMs: 100 });
    expect(result.reaped).toEqual([]);
    expect(result.skipped).toMatchObject([{ removed: true, why: expect.stringMatching(/has no process of this troupe.*left alone/) }]);
    expect(isRunning(group.member)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves alone a setsid group named by a hand-made entry (startTime "1", a foreign cmdline)', async () => {
    const group = await orphanedGroup();
    registerChild(dir, entry(group.pgid, await deadOwner()));
    expect((await reapOrphans(dir, { graceMs: 100 })).reaped).toEqual([]);
    expect(isRunning(group.member)).toBe(true);
  });

  it("a marker of another troupe proves nothing: only the entry's own owner counts", async () => {
    const [owner, other] = [await deadOwner(), await deadOwner()];
    const group = await orphanedGroup({ TROUPE_OWNER: `${other.ownerPid}:${other.ownerStartTime}` });
    registerChild(dir, entry(group.pgid, owner));
    expect((await reapOrphans(dir, { graceMs: 100 })).reaped).toEqual([]);
    expect(isRunning(group.member)).toBe(true);
  });

  it("ends a group whose member carries the dead owner's marker, and says what it ended", async () => {
    const owner = await deadOwner();
    const group = await orphanedGroup({ TROUPE_OWNER: `${owner.ownerPid}:${owner.ownerStartTime}` });
    registerChild(dir, entry(group.pgid, owner, { sessionId: 'c0ffee00-1111' }));
    const result = await reapOrphans(dir, { graceMs: 2000 });
    expect(result.reaped).toHaveLength(1);
    expect(isRunning(group.member)).toBe(false);
    expect(describeReaped(result.reaped)).toEqual([
      `reaped agent process group ${group.pgid} left by troupe ${owner.ownerPid} (session c0ffee00-1111):`,
      `  pid ${group.member}: sleep 30`,
    ]);
  });

  it('the report is terminal safe and short: a command line is the prompt too', () => {
    const lines = describeReaped([
      { entry: entry(4242, { ownerPid: 7, ownerStartTime: '1' }), processes: [{ pid: 4242, cmdline: ['claude', '-p', `\x1b[2K\x1b]0;a title\x07\x9b${'x'.repeat(500)}`] }] },
    ]);
    expect(lines[1]).toMatch(/^ {2}pid 4242: claude -p ;a title␇\\u009bx+…$/);
    expect(lines[1]!.length).toBeLessThan(140);
  });
});

describe('troupe run after a crash', () => {
  let project: TempProject;
  afterEach(async () => project?.cleanup());

  it('prints the pid and command of what it reaped, and leaves a stranger alone', async () => {
    project = await tempProject();
    const owner = await deadOwner();
    const registry = path.join(project.root, 'state', 'children');
    mkdirSync(registry, { recursive: true });
    const ours = await spawnTree('sleep 31 & echo $!; wait', 1, true, { TROUPE_OWNER: `${owner.ownerPid}:${owner.ownerStartTime}` });
    const oursId = identity(ours.leader);
    registerChild(registry, entry(ours.leader, owner, { startTime: oursId.startTime, cmdline: oursId.cmdline, sessionId: 'dead-session' }));
    const stranger = await orphanedGroup();
    track(stranger.member);
    writeFileSync(path.join(registry, `${stranger.pgid}.json`), JSON.stringify(entry(stranger.pgid, owner)));

    const result = await troupe(['run', '--project', project.root, 'hello'], {
      ...simEnv(project.simStateDir, { chunks: 1 }),
      TROUPE_STATE_DIR: path.join(project.root, 'state'),
    });
    expect(result.exitCode, result.stderr).toBe(0);
    // What was reaped comes first, before the run's own session line.
    expect(result.stderr.split('\n').slice(0, 3)).toEqual([
      `troupe: reaped agent process group ${ours.leader} left by troupe ${owner.ownerPid} (session dead-session):`,
      `troupe:   pid ${ours.leader}: sh -c sleep 31 & echo $!; wait`,
      `troupe:   pid ${ours.printed[0]}: sleep 31`,
    ]);
    expect(result.stderr.split('\n').slice(3)).toEqual([expect.stringMatching(/^troupe: session [0-9a-f-]{36} /)]);
    expect(isRunning(ours.leader)).toBe(false);
    expect(isRunning(ours.printed[0] as number)).toBe(false);
    expect(isRunning(stranger.member)).toBe(true);
  }, 60_000);
});
