/** The worktrees git knows of a repository (`git worktree list --porcelain -z`). */
import { git, nulFields } from './git.js';

export interface GitWorktree {
  path: string;
  head?: string;
  /** Short branch name, when one is checked out there. */
  branch?: string;
  bare?: boolean;
  detached?: boolean;
  /** git would prune it: its folder is gone. */
  prunable?: boolean;
  locked?: boolean;
}

export function parseWorktreeList(text: string): GitWorktree[] {
  const out: GitWorktree[] = [];
  let current: GitWorktree | null = null;
  for (const field of nulFields(text)) {
    if (field === '') {
      current = null;
      continue;
    }
    const space = field.indexOf(' ');
    const key = space < 0 ? field : field.slice(0, space);
    const value = space < 0 ? '' : field.slice(space + 1);
    if (key === 'worktree') {
      current = { path: value };
      out.push(current);
      continue;
    }
    if (!current) continue;
    if (key === 'HEAD') current.head = value;
    else if (key === 'branch') current.branch = value.replace(/^refs\/heads\//, '');
    else if (key === 'bare') current.bare = true;
    else if (key === 'detached') current.detached = true;
    else if (key === 'prunable') current.prunable = true;
    else if (key === 'locked') current.locked = true;
  }
  return out;
}

export async function listGitWorktrees(cwd: string): Promise<GitWorktree[]> {
  return parseWorktreeList((await git(['worktree', 'list', '--porcelain', '-z'], { cwd })).stdout);
}

/** The worktree where `branch` is checked out, if any. */
export async function worktreeOfBranch(cwd: string, branch: string): Promise<GitWorktree | undefined> {
  return (await listGitWorktrees(cwd)).find((worktree) => worktree.branch === branch && !worktree.bare);
}
