/**
 * Who commits: the person's own git identity when they have one; otherwise troupe's, so a commit
 * or merge on a machine without `user.name`/`user.email` (CI, a fresh container) does not fail.
 */
import { gitRaw } from './git.js';

const FALLBACK = { name: 'troupe', email: 'troupe@localhost' };

/** Environment for a commit at `cwd`: empty when git already knows who commits. */
export async function commitIdentityEnv(cwd: string): Promise<Record<string, string>> {
  const [name, email] = await Promise.all([
    gitRaw(['config', '--get', 'user.name'], { cwd }),
    gitRaw(['config', '--get', 'user.email'], { cwd }),
  ]);
  const env: Record<string, string> = {};
  if (name.exitCode !== 0 || name.stdout.trim() === '') {
    env.GIT_AUTHOR_NAME = FALLBACK.name;
    env.GIT_COMMITTER_NAME = FALLBACK.name;
  }
  if (email.exitCode !== 0 || email.stdout.trim() === '') {
    env.GIT_AUTHOR_EMAIL = FALLBACK.email;
    env.GIT_COMMITTER_EMAIL = FALLBACK.email;
  }
  return env;
}
