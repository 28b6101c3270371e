/** Commits everything the agent left uncommitted in its workspace (untracked files included). */
import { troupeError } from '../errors/troupe-error.js';
import type { WorkspaceInfo } from '../protocol/workspace.js';
import { git } from './git.js';
import { commitIdentityEnv } from './identity.js';
import { resolveCommit } from './repo.js';
import { uncommittedFiles } from './uncommitted.js';
import { assertWorkspaceCheckout } from './checkout-guard.js';

export const MAX_COMMIT_MESSAGE_CHARS = 10_000;

export async function commitWorkspace(workspace: WorkspaceInfo, message: string): Promise<{ commit: string; files: number }> {
  const cwd = workspace.path;
  const text = message.trim();
  if (text === '') throw troupeError('INVALID_ARGUMENT', 'the commit message is empty');
  if (text.length > MAX_COMMIT_MESSAGE_CHARS) throw troupeError('INVALID_ARGUMENT', `the commit message is longer than ${MAX_COMMIT_MESSAGE_CHARS} characters`);
  await assertWorkspaceCheckout(workspace, { onBranch: true });
  const files = await uncommittedFiles(cwd);
  if (files.length === 0) throw troupeError('WORKSPACE_REFUSED', 'nothing to commit: the workspace has no uncommitted changes');
  await git(['add', '--all', '--', '.'], { cwd });
  // The message goes on stdin: it is the person's (or the agent's turn's) text, never an argument git could misread.
  await git(['commit', '--quiet', '--file=-'], { cwd, input: `${text}\n`, env: await commitIdentityEnv(cwd) });
  const commit = await resolveCommit(cwd, 'HEAD');
  if (!commit) throw troupeError('GIT_FAILED', 'git commit left no HEAD commit');
  return { commit, files: files.length };
}
