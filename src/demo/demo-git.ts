/**
 * The demo project is a git repository, so its sessions each get a worktree and their edits show
 * as diffs to review and merge. The demo's own files are committed when troupe (re)writes them; a
 * machine without git still runs the demo, without workspaces.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { git, gitRaw } from '../workspaces/git.js';
import { commitIdentityEnv } from '../workspaces/identity.js';

const DEMO_FILES = ['README.md', '.troupe-demo', '.beads/issues.jsonl', 'src'];

/** True when the demo is a git repository with its files committed. */
export async function commitDemoFiles(root: string): Promise<boolean> {
  try {
    if (!(await stat(join(root, '.git')).then(() => true, () => false))) await git(['init', '--quiet', '--initial-branch=main'], { cwd: root });
    await git(['add', '--', ...DEMO_FILES], { cwd: root });
    const staged = await gitRaw(['diff', '--cached', '--quiet'], { cwd: root });
    const hasHead = (await gitRaw(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: root })).exitCode === 0;
    if (staged.exitCode !== 0 || !hasHead) {
      await git(['commit', '--quiet', '--allow-empty', '-m', hasHead ? 'demo: beads refreshed' : 'tinyshop: the troupe demo project'], { cwd: root, env: await commitIdentityEnv(root) });
    }
    return true;
  } catch {
    return false;
  }
}
