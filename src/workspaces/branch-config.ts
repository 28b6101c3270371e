/**
 * What troupe notes about a workspace branch in the repository's own config
 * (`branch.<name>.troupe-*`): which session made it and what it started from. The repository's
 * config is the person's (a clone never brings it), and `git branch -D` removes the notes with the
 * branch, so nothing is left behind and a workspace is understood even without its session log.
 */
import { gitRaw, git } from './git.js';

export interface BranchNotes {
  session?: string;
  baseCommit?: string;
  baseBranch?: string;
}

const KEYS = { session: 'troupesession', baseCommit: 'troupebase', baseBranch: 'troupebasebranch' } as const;

export async function writeBranchNotes(cwd: string, branch: string, notes: BranchNotes): Promise<void> {
  for (const [field, key] of Object.entries(KEYS) as [keyof BranchNotes, string][]) {
    const value = notes[field];
    if (value !== undefined) await git(['config', '--local', `branch.${branch}.${key}`, value], { cwd });
  }
}

/** Every troupe branch with its notes: `refs/heads/troupe/...` and their `branch.*.troupe*` config. */
export async function readTroupeBranches(cwd: string): Promise<Map<string, BranchNotes & { tip: string }>> {
  const refs = await git(['for-each-ref', '--format=%(refname:short)%00%(objectname)', 'refs/heads/troupe/'], { cwd });
  const branches = new Map<string, BranchNotes & { tip: string }>();
  for (const line of refs.stdout.split('\n')) {
    const [name, tip] = line.split('\0');
    if (name && tip) branches.set(name, { tip });
  }
  const config = await gitRaw(['config', '--local', '-z', '--get-regexp', '^branch\\.troupe/.*\\.troupe'], { cwd });
  for (const entry of config.stdout.split('\0')) {
    const newline = entry.indexOf('\n');
    if (newline < 0) continue;
    const key = entry.slice(0, newline);
    const value = entry.slice(newline + 1);
    const dot = key.lastIndexOf('.');
    const branch = branches.get(key.slice('branch.'.length, dot));
    if (!branch) continue;
    const field = (Object.keys(KEYS) as (keyof BranchNotes)[]).find((f) => KEYS[f] === key.slice(dot + 1).toLowerCase());
    if (field) branch[field] = value;
  }
  return branches;
}
