/**
 * The branch of a session's workspace: `troupe/<bead>/<first 8 of the session id>`. A bead id is
 * untrusted text (`--`, `..`, `@{`, spaces, a leading `-`, `.lock`): it is reduced to a plain
 * segment first, and the whole name is then checked by git itself (`git check-ref-format`).
 */
import { troupeError } from '../errors/troupe-error.js';
import { gitRaw } from './git.js';

export const BRANCH_PREFIX = 'troupe/';
const MAX_SEGMENT = 60;
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A bead id as one safe ref segment: letters, digits, `.`, `_`, `-`; never `..`, a leading `-` or `.`, or `.lock`. */
export function beadSegment(beadId: string | undefined): string {
  if (beadId === undefined) return 'untracked';
  let segment = beadId
    .normalize('NFKC')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .slice(0, MAX_SEGMENT)
    .replace(/^[-.]+/, '')
    .replace(/[-.]+$/, '');
  while (segment.toLowerCase().endsWith('.lock')) segment = segment.slice(0, -5).replace(/[-.]+$/, '');
  return segment === '' ? 'bead' : segment;
}

/** The branch name for a session; `long` uses the whole session id (when the short one is taken). */
export function workspaceBranch(beadId: string | undefined, sessionId: string, long = false): string {
  if (!SESSION_ID.test(sessionId)) throw troupeError('INVALID_ARGUMENT', `not a session id: ${JSON.stringify(sessionId.slice(0, 80))}`);
  return `${BRANCH_PREFIX}${beadSegment(beadId)}/${long ? sessionId.toLowerCase() : sessionId.slice(0, 8).toLowerCase()}`;
}

/** A name troupe made (our prefix, plain segments): what a log's branch must look like to be used. */
export function isTroupeBranchName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= 200 && /^troupe\/[A-Za-z0-9][A-Za-z0-9._-]*\/[0-9a-f-]{8,36}$/.test(name) && !name.includes('..') && !name.endsWith('.lock');
}

/** git's own verdict on a branch name: refused names throw INVALID_ARGUMENT. */
export async function assertBranchName(name: string, cwd: string): Promise<void> {
  const result = await gitRaw(['check-ref-format', '--branch', name], { cwd });
  if (result.exitCode !== 0 || result.stdout.trim() !== name) {
    throw troupeError('INVALID_ARGUMENT', `git refuses the branch name ${JSON.stringify(name)}`);
  }
}
