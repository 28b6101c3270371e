/**
 * Every workspace troupe made in a project, from git (its worktrees under `.bp6/worktrees`, its
 * `troupe/` branches and their notes) and the session logs (is the session live, ended, or was its
 * troupe killed). What git says is the truth about folders and branches; a log only tells whose it is.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { listSessions } from '../logs/list-sessions.js';
import { isOwnerAlive, type IsLive } from '../logs/liveness.js';
import type { LoggedSession } from '../logs/summarize.js';
import type { WorkspaceListing, WorkspaceListState } from '../protocol/workspace.js';
import { readTroupeBranches, type BranchNotes } from './branch-config.js';
import { isWorkspaceSessionId, worktreesRoot } from './paths.js';
import { commitsBetween, findRepo, isAncestor, resolveCommit } from './repo.js';
import { uncommittedFiles } from './uncommitted.js';
import { checkoutProblem } from './checkout-guard.js';
import { listGitWorktrees, type GitWorktree } from './worktree-list.js';

export interface WorkspaceList {
  /** False when the project is not in a git repository (then there are no workspaces). */
  repo: boolean;
  workspaces: WorkspaceListing[];
}

export interface ListOptions {
  isLive?: IsLive;
  /** Sessions this troupe runs itself: live whatever their log says. */
  liveHere?: ReadonlySet<string>;
}

export async function listWorkspaces(projectRoot: string, options: ListOptions = {}): Promise<WorkspaceList> {
  const repo = await findRepo(projectRoot);
  if (!repo) return { repo: false, workspaces: [] };
  const root = await realpath(worktreesRoot(projectRoot)).catch(() => null);
  const [worktrees, branches, sessions] = await Promise.all([
    listGitWorktrees(projectRoot),
    readTroupeBranches(projectRoot),
    listSessions(projectRoot, { ...(options.isLive ? { isLive: options.isLive } : {}) }),
  ]);
  const logs = new Map(sessions.map((s) => [s.id, s]));
  const out: WorkspaceListing[] = [];
  const seenBranches = new Set<string>();
  for (const worktree of worktrees) {
    const real = await realpath(worktree.path).catch(() => worktree.path);
    if (!root || dirname(real) !== root || !isWorkspaceSessionId(basename(real))) continue;
    const sessionId = basename(real);
    if (worktree.branch) seenBranches.add(worktree.branch);
    const notes = worktree.branch ? branches.get(worktree.branch) : undefined;
    out.push(await describeWorktree(projectRoot, sessionId, worktree, notes, logs.get(sessionId), options.liveHere));
  }
  if (root) {
    const known = new Set(out.map((w) => w.sessionId));
    for (const name of await readdir(root).catch(() => [] as string[])) {
      if (!isWorkspaceSessionId(name) || known.has(name)) continue;
      out.push({ sessionId: name, path: join(root, name), state: 'orphaned', uncommitted: 0, unmerged: 0, note: 'git does not know this folder as a worktree: look inside, then remove it by hand' });
    }
  }
  for (const [branch, notes] of branches) {
    if (seenBranches.has(branch)) continue;
    out.push(await describeKeptBranch(projectRoot, branch, notes, notes.session ? logs.get(notes.session) : undefined));
  }
  return { repo: true, workspaces: out.sort((a, b) => a.sessionId.localeCompare(b.sessionId)) };
}

async function describeWorktree(
  projectRoot: string,
  sessionId: string,
  worktree: GitWorktree,
  notes: BranchNotes | undefined,
  log: LoggedSession | undefined,
  liveHere: ReadonlySet<string> | undefined,
): Promise<WorkspaceListing> {
  const base = await baseOf(projectRoot, notes);
  const listing: WorkspaceListing = {
    sessionId,
    ...(log?.beadId !== undefined ? { beadId: log.beadId } : {}),
    ...(worktree.branch ? { branch: worktree.branch } : {}),
    path: worktree.path,
    ...(base.baseBranch ? { baseBranch: base.baseBranch } : {}),
    ...(base.baseCommit ? { baseCommit: base.baseCommit } : {}),
    state: 'orphaned',
    uncommitted: 0,
    unmerged: 0,
  };
  // git calls a worktree prunable when its .git file is gone, even when its folder and files are there.
  const folder = await stat(worktree.path).then((s) => s.isDirectory(), () => false);
  if (worktree.prunable && !folder) return { ...listing, note: 'its folder is gone (git would prune it)' };
  const broken = await checkoutProblem({ path: worktree.path, branch: worktree.branch ?? '', baseCommit: '' });
  if (broken) return { ...listing, state: 'left-with-changes', broken: true, note: `its folder ${broken}: look inside, then repair or remove it by hand` };
  listing.uncommitted = (await uncommittedFiles(worktree.path).catch(() => [])).length;
  const tip = worktree.head ?? (await resolveCommit(worktree.path, 'HEAD'));
  const since = tip && base.baseCommit ? await commitsBetween(projectRoot, base.baseCommit, tip) : 0;
  listing.unmerged = tip && base.baseTip ? await commitsBetween(projectRoot, base.baseTip, tip) : since;
  // An ended session a running troupe still lists (it may be revived there) is that troupe's.
  const listedElsewhere = log?.status === 'ended' && log.owner.troupePid !== process.pid && (await isOwnerAlive(log.owner));
  const live = liveHere?.has(sessionId) || log?.status === 'running' || listedElsewhere;
  const orphaned = !log || log.status === 'interrupted';
  listing.state = live ? 'live' : orphaned ? 'orphaned' : settledState(listing, since);
  if (listedElsewhere) listing.note = `its session is listed by a running troupe (pid ${log.owner.troupePid})`;
  else if (orphaned && !live) listing.note = log ? 'its troupe was killed before the session ended' : 'no session log names it';
  return listing;
}

/** An ended session's workspace: nothing in it, all of it merged, or work left. */
function settledState(listing: WorkspaceListing, commitsSinceBase: number): WorkspaceListState {
  if (listing.uncommitted > 0 || listing.unmerged > 0) return 'left-with-changes';
  return commitsSinceBase > 0 ? 'merged' : 'empty';
}

async function describeKeptBranch(projectRoot: string, branch: string, notes: BranchNotes & { tip: string }, log: LoggedSession | undefined): Promise<WorkspaceListing> {
  const base = await baseOf(projectRoot, notes);
  const merged = base.baseTip ? await isAncestor(projectRoot, notes.tip, base.baseTip) : false;
  return {
    sessionId: notes.session && isWorkspaceSessionId(notes.session) ? notes.session : '',
    ...(log?.beadId !== undefined ? { beadId: log.beadId } : {}),
    branch,
    ...(base.baseBranch ? { baseBranch: base.baseBranch } : {}),
    ...(base.baseCommit ? { baseCommit: base.baseCommit } : {}),
    state: merged ? 'merged' : 'kept',
    uncommitted: 0,
    unmerged: base.baseTip ? await commitsBetween(projectRoot, base.baseTip, notes.tip) : 0,
    note: merged ? 'a branch without a worktree, merged' : 'a kept branch (no worktree)',
  };
}

/** The base the branch notes name, checked against the repository (notes are the person's config). */
async function baseOf(projectRoot: string, notes: BranchNotes | undefined): Promise<{ baseCommit?: string; baseBranch?: string; baseTip?: string }> {
  const baseCommit = notes?.baseCommit ? await resolveCommit(projectRoot, notes.baseCommit) : null;
  const baseTip = notes?.baseBranch ? await resolveCommit(projectRoot, `refs/heads/${notes.baseBranch}`) : null;
  return {
    ...(baseCommit ? { baseCommit } : {}),
    ...(baseTip && notes?.baseBranch ? { baseBranch: notes.baseBranch, baseTip } : {}),
  };
}
