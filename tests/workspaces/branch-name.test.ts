import { afterEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { randomUUID } from 'node:crypto';
import { createWorkspace } from '../../src/workspaces/create.js';
import { beadSegment, isTroupeBranchName, workspaceBranch } from '../../src/workspaces/branch-name.js';
import { branches, gitIn, gitProject } from '../helpers/git-project.js';
import type { TempProject } from '../helpers/temp-project.js';

let project: TempProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

const HOSTILE = ['--', '--upload-pack=touch /tmp/pwned', '..', 'a..b', '@{-1}', 'x@{u}', 'with spaces', '-leading', 'name.lock', 'a/../../b', 'tab\there', 'back\\slash', '~^:?*[', 'ünïcödé', '.hidden', 'trailing.', '', 'x'.repeat(300)];

describe('a workspace branch is named from the bead, never as the bead id says', () => {
  it('reduces every hostile bead id to one plain segment that git accepts as a branch', async () => {
    const session = randomUUID();
    for (const bead of HOSTILE) {
      const name = workspaceBranch(bead, session);
      expect(name).toMatch(/^troupe\/[A-Za-z0-9][A-Za-z0-9._-]*\/[0-9a-f]{8}$/);
      expect(name).not.toMatch(/\.\.|@\{|\.lock\/| /);
      expect(isTroupeBranchName(name)).toBe(true);
      const checked = await execa('git', ['check-ref-format', '--branch', name], { reject: false });
      expect(checked.exitCode, `${JSON.stringify(bead)} -> ${name}`).toBe(0);
    }
    expect(beadSegment('shop-1.2')).toBe('shop-1.2');
    expect(beadSegment(undefined)).toBe('untracked');
  });

  it('creates real branches and worktrees for hostile bead ids, and git reads each as that branch only', async () => {
    project = await gitProject();
    const made: string[] = [];
    for (const bead of ['--', '@{-1}', 'a..b', 'with spaces', '-rf']) {
      const result = await createWorkspace({ projectRoot: project.root, sessionId: randomUUID(), beadId: bead });
      if (!('workspace' in result)) throw new Error('expected a workspace');
      made.push(result.workspace.branch);
      // The branch resolves to the base commit: git did not take it for an option or a reflog expression.
      expect(await gitIn(project.root, 'rev-parse', '--verify', `refs/heads/${result.workspace.branch}`)).toBe(result.workspace.baseCommit);
    }
    expect((await branches(project.root)).sort()).toEqual(['main', ...made].sort());
  });
});
