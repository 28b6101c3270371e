/**
 * What a session changed in its workspace, against the commit its branch started from: files with
 * line counts, commits on the branch, uncommitted work, and the unified diff, all bounded. Untracked
 * files count as added: they are staged into a throwaway copy of the worktree's index, so the
 * agent's own index is never touched. No textconv or external diff programs run.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { WorkspaceChanges, WorkspaceDiff, WorkspaceFileChange, WorkspaceInfo } from '../protocol/workspace.js';
import { git, nulFields } from './git.js';
import { commitsBetween } from './repo.js';
import { assertWorkspaceCheckout } from './checkout-guard.js';

export const MAX_CHANGED_FILES = 1_000;
/** Files listed in a `workspace-changed` event, which goes in the log (the counts still cover them all). */
export const EVENT_FILES = 200;
/** The dashboard's diff: a thousand-line diff is some 50 KiB, this cuts only the huge ones. */
export const DASHBOARD_DIFF_BYTES = 1024 * 1024;

const DIFF_FLAGS = ['--no-ext-diff', '--no-textconv', '--no-color', '-M'];

export interface ChangesOptions {
  maxFiles?: number;
  /** Compute the unified diff too, cut at this many bytes. */
  diffBytes?: number;
}

export interface ComputedChanges {
  changes: WorkspaceChanges;
  diff?: string;
  diffCut?: boolean;
}

export async function computeChanges(workspace: WorkspaceInfo, options: ChangesOptions = {}): Promise<ComputedChanges> {
  const cwd = workspace.path;
  const maxFiles = options.maxFiles ?? MAX_CHANGED_FILES;
  const base = workspace.baseCommit;
  await assertWorkspaceCheckout(workspace);
  const scratch = await mkdtemp(join(tmpdir(), 'troupe-index-'));
  try {
    const env = { GIT_INDEX_FILE: join(scratch, 'index') };
    // A copy of the real index keeps git's stat cache: only files that changed are read again.
    const gitDir = (await git(['rev-parse', '--git-dir'], { cwd })).stdout.trim();
    await copyFile(join(isAbsolute(gitDir) ? gitDir : join(cwd, gitDir), 'index'), env.GIT_INDEX_FILE).catch(() => undefined);
    const [status] = await Promise.all([
      git(['status', '--porcelain=v1', '-z', '--untracked-files=all'], { cwd, maxBytes: 4 * 1024 * 1024, env: { GIT_OPTIONAL_LOCKS: '0' } }),
      git(['add', '--all', '--', '.'], { cwd, env }),
    ]);
    const [numstat, names, commits] = await Promise.all([
      git(['diff', '--cached', '-z', '--numstat', ...DIFF_FLAGS, base, '--'], { cwd, env, maxBytes: 4 * 1024 * 1024 }),
      git(['diff', '--cached', '-z', '--name-status', ...DIFF_FLAGS, base, '--'], { cwd, env, maxBytes: 4 * 1024 * 1024 }),
      commitsBetween(cwd, base, 'HEAD'),
    ]);
    const untracked = untrackedPaths(status.stdout);
    const all = mergeFileLists(parseNumstat(numstat.stdout), parseNameStatus(names.stdout), untracked);
    const files = all.slice(0, maxFiles);
    const changes: WorkspaceChanges = {
      files,
      added: all.reduce((sum, f) => sum + f.added, 0),
      removed: all.reduce((sum, f) => sum + f.removed, 0),
      commits,
      uncommitted: status.stdout.length > 0,
      ...(all.length > maxFiles ? { truncated: true, fileCount: all.length } : {}),
    };
    if (options.diffBytes === undefined) return { changes };
    const diff = await git(['diff', '--cached', ...DIFF_FLAGS, base, '--'], { cwd, env, maxBytes: options.diffBytes });
    return { changes, ...cutAtLine(diff.stdout, diff.cut) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The changes with their file list cut to `max` entries (the counts and `fileCount` still cover all). */
export function trimChanges(changes: WorkspaceChanges, max: number): WorkspaceChanges {
  if (changes.files.length <= max) return changes;
  return { ...changes, files: changes.files.slice(0, max), truncated: true, fileCount: changes.fileCount ?? changes.files.length };
}

/** The review of a workspace: its changes and its diff, cut at `diffBytes`. */
export async function workspaceDiff(workspace: WorkspaceInfo, diffBytes = DASHBOARD_DIFF_BYTES): Promise<WorkspaceDiff> {
  const computed = await computeChanges(workspace, { diffBytes });
  return {
    workspace,
    changes: computed.changes,
    diff: computed.diff ?? '',
    ...(computed.diffCut ? { diffCut: true } : {}),
    diffLimitBytes: diffBytes,
  };
}

/** A cut diff ends at its last whole line, so no half line (or half character) is shown. */
function cutAtLine(text: string, cut: boolean): { diff: string; diffCut?: boolean } {
  if (!cut) return { diff: text };
  const end = text.lastIndexOf('\n');
  return { diff: end >= 0 ? text.slice(0, end + 1) : '', diffCut: true };
}

interface Count {
  added: number;
  removed: number;
  binary: boolean;
}

/** `added\tremoved\tpath\0`, or for a rename `added\tremoved\t\0old\0new\0`; `-` counts for binary files. */
export function parseNumstat(text: string): Map<string, Count> {
  const counts = new Map<string, Count>();
  const fields = nulFields(text);
  for (let i = 0; i < fields.length; i++) {
    const [added = '', removed = '', path = ''] = (fields[i] as string).split('\t');
    const binary = added === '-' || removed === '-';
    const count = { added: binary ? 0 : Number(added) || 0, removed: binary ? 0 : Number(removed) || 0, binary };
    if (path !== '') counts.set(path, count);
    else {
      i += 2; // a rename: old path, then new path
      const renamed = fields[i];
      if (renamed !== undefined) counts.set(renamed, count);
    }
  }
  return counts;
}

interface NameStatus {
  status: WorkspaceFileChange['status'];
  path: string;
  oldPath?: string;
}

/** `M\0path\0`, `R100\0old\0new\0`, `C75\0old\0new\0`. */
export function parseNameStatus(text: string): NameStatus[] {
  const out: NameStatus[] = [];
  const fields = nulFields(text);
  for (let i = 0; i < fields.length; i++) {
    const code = (fields[i] as string).charAt(0);
    if (code === 'R' || code === 'C') {
      const oldPath = fields[++i] ?? '';
      const path = fields[++i] ?? '';
      out.push(code === 'R' ? { status: 'renamed', path, oldPath } : { status: 'added', path });
      continue;
    }
    const path = fields[++i] ?? '';
    out.push({ status: code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified', path });
  }
  return out;
}

/** Paths `git status -z` marks `??` (untracked in the worktree's own index). */
export function untrackedPaths(status: string): Set<string> {
  const paths = new Set<string>();
  const fields = nulFields(status);
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i] as string;
    if (entry.startsWith('?? ')) paths.add(entry.slice(3));
    // A rename or copy entry is followed by its source path.
    else if (entry[0] === 'R' || entry[0] === 'C') i += 1;
  }
  return paths;
}

function mergeFileLists(counts: Map<string, Count>, names: NameStatus[], untracked: Set<string>): WorkspaceFileChange[] {
  return names.map((entry) => {
    const count = counts.get(entry.path) ?? { added: 0, removed: 0, binary: false };
    const status = entry.status === 'added' && untracked.has(entry.path) ? 'untracked' : entry.status;
    return {
      path: entry.path,
      status,
      added: count.added,
      removed: count.removed,
      ...(entry.oldPath ? { oldPath: entry.oldPath } : {}),
      ...(count.binary ? { binary: true } : {}),
    };
  });
}
