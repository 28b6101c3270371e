/** The git repository a project lives in, as troupe needs it: top level, where the project sits in it, HEAD. */
import { isTroupeError, troupeError } from '../errors/troupe-error.js';
import { git, gitRaw } from './git.js';

export interface ProjectRepo {
  /** The working tree's top level (realpath, as git prints it). */
  topLevel: string;
  /** Where the project root sits inside it: '' at the top, else `a/b/` (git's `--show-prefix`). */
  prefix: string;
}

/** The repository of a project root; null when it is not in one (or git is missing). */
export async function findRepo(projectRoot: string): Promise<ProjectRepo | null> {
  let result;
  try {
    result = await gitRaw(['rev-parse', '--show-toplevel', '--show-prefix'], { cwd: projectRoot });
  } catch (error) {
    if (isTroupeError(error, 'GIT_FAILED')) return null;
    throw error;
  }
  if (result.exitCode !== 0) return null;
  const [topLevel, prefix = ''] = result.stdout.split('\n');
  if (!topLevel) return null;
  return { topLevel, prefix };
}

/** The full commit id `rev` names, or null when it names none. */
export async function resolveCommit(cwd: string, rev: string): Promise<string | null> {
  const result = await gitRaw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { cwd });
  const commit = result.stdout.trim();
  return result.exitCode === 0 && /^[0-9a-f]{40,64}$/.test(commit) ? commit : null;
}

/** The branch checked out at `cwd`; undefined on a detached HEAD. */
export async function currentBranch(cwd: string): Promise<string | undefined> {
  const result = await gitRaw(['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd });
  const name = result.stdout.trim();
  return result.exitCode === 0 && name ? name : undefined;
}

export async function branchExists(cwd: string, branch: string): Promise<boolean> {
  const result = await gitRaw(['show-ref', '--verify', '--quiet', `refs/heads/${branch}`], { cwd });
  return result.exitCode === 0;
}

/** The commit a local branch points at; throws when it does not exist. */
export async function branchTip(cwd: string, branch: string): Promise<string> {
  const commit = await resolveCommit(cwd, `refs/heads/${branch}`);
  if (!commit) throw troupeError('WORKSPACE_REFUSED', `the branch ${branch} does not exist`);
  return commit;
}

export async function isAncestor(cwd: string, ancestor: string, descendant: string): Promise<boolean> {
  const result = await git(['merge-base', '--is-ancestor', ancestor, descendant], { cwd, okCodes: [1] });
  return result.exitCode === 0;
}

/** Commits on `tip` that `base` does not have. */
export async function commitsBetween(cwd: string, base: string, tip: string): Promise<number> {
  const result = await git(['rev-list', '--count', `${base}..${tip}`], { cwd });
  return Number.parseInt(result.stdout.trim(), 10) || 0;
}
