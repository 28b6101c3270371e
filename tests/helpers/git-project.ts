/** A temp project that is a git repository with one commit, and real git to look at it. */
import { execa } from 'execa';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { tempProject, type TempProject } from './temp-project.js';

/** Runs git in `cwd` as a person would (identity given, never the troupe's own environment). */
export async function gitIn(cwd: string, ...args: string[]): Promise<string> {
  const result = await execa('git', ['-c', 'user.name=Test Person', '-c', 'user.email=test@example.com', ...args], { cwd, env: { GIT_DIR: undefined, LC_ALL: 'C' } });
  return result.stdout;
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

export const FIRST_FILES: Record<string, string> = {
  'README.md': '# project\n\nA test project.\n',
  'src/app.ts': 'export const answer = 42;\n',
  '.beads/.keep': '',
};

/** tempProject() made a git repository on branch `main`, with FIRST_FILES committed. */
export async function gitProject(prefix = 'troupe-git-'): Promise<TempProject> {
  const project = await tempProject(prefix);
  await gitIn(project.root, 'init', '--quiet', '--initial-branch=main');
  await writeFiles(project.root, { ...FIRST_FILES, '.gitignore': '.sim-state/\n.children/\n' });
  await gitIn(project.root, 'add', '--all');
  await gitIn(project.root, 'commit', '--quiet', '-m', 'first');
  return project;
}

/** `git status --porcelain` of the main checkout: '' when clean. */
export function statusOf(root: string): Promise<string> {
  return gitIn(root, 'status', '--porcelain');
}

export async function branches(root: string): Promise<string[]> {
  return (await gitIn(root, 'branch', '--format=%(refname:short)')).split('\n').filter(Boolean);
}

export async function worktreePaths(root: string): Promise<string[]> {
  return (await gitIn(root, 'worktree', 'list', '--porcelain')).split('\n').filter((l) => l.startsWith('worktree ')).map((l) => l.slice('worktree '.length));
}
