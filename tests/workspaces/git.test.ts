/** git() waits for a lock another git holds (git itself gives up at once), and fails with git's words when it stays. */
import { afterEach, describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { git, isLockHeld } from '../../src/workspaces/git.js';
import { gitIn, gitProject } from '../helpers/git-project.js';
import type { TempProject } from '../helpers/temp-project.js';

let project: TempProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

describe('git() and the locks of other gits', () => {
  it('waits while a lock is held, and goes on once it is released', { timeout: 60_000 }, async () => {
    project = await gitProject();
    const lock = join(project.root, '.git', 'config.lock');
    const trace = join(project.root, 'git-trace.txt');
    await writeFile(lock, '');
    // GIT_TRACE makes each run of git say so in the file: the lock is released once git was refused twice.
    const write = git(['config', '--local', 'troupe.test', 'yes'], { cwd: project.root, env: { GIT_TRACE: trace } });
    let failed: unknown;
    write.catch((error: unknown) => (failed = error));
    while ((await runsOfGit(trace, 'config')) < 2 && failed === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    await rm(lock);
    await write;
    expect(await gitIn(project.root, 'config', '--local', 'troupe.test')).toBe('yes');
  });

  it('a lock that stays (a git that crashed) fails after the wait, with git naming the lock', { timeout: 60_000 }, async () => {
    project = await gitProject();
    await writeFile(join(project.root, '.git', 'config.lock'), '');
    await expect(git(['config', '--local', 'troupe.test', 'yes'], { cwd: project.root, lockWaitMs: 500 })).rejects.toThrow(/git config failed: .*could not lock config file .*config: File exists/);
  });

  it("knows git's lock lines, and a file named like one is not one", () => {
    expect(isLockHeld('error: could not lock config file .git/config: File exists\n')).toBe(true);
    expect(isLockHeld("fatal: update_ref failed for ref 'refs/heads/x': cannot lock ref 'refs/heads/x': Unable to create '/r/.git/refs/heads/x.lock': File exists.\n\nAnother git process seems to be running")).toBe(true);
    expect(isLockHeld("fatal: Unable to create '/home/o'brien/p/.git/index.lock': File exists.\n")).toBe(true);
    // An agent's folder named after the message (paths are not quoted with core.quotepath=off).
    expect(isLockHeld("error: 'Unable to create 'a.lock': File exists/' does not have a commit checked out\n")).toBe(false);
    expect(isLockHeld("fatal: pathspec 'x' did not match any files\n")).toBe(false);
  });

  it('a failure that is not a lock is not tried again', { timeout: 60_000 }, async () => {
    project = await gitProject();
    const trace = join(project.root, 'git-trace.txt');
    await expect(git(['rev-parse', '--verify', 'no-such-branch'], { cwd: project.root, env: { GIT_TRACE: trace } })).rejects.toThrow(/git rev-parse failed/);
    expect(await runsOfGit(trace, 'rev-parse')).toBe(1);
  });
});

/** How many times git ran `command`, as GIT_TRACE wrote it. */
async function runsOfGit(trace: string, command: string): Promise<number> {
  const text = await readFile(trace, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => new RegExp(` git\\.c:\\d+ +trace: built-in: git ${command} `).test(line)).length;
}
