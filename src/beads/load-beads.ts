/** Loads a project's live issues from `.beads/issues.jsonl`, or from `bd list --json` without one. */
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { troupeError, isTroupeError } from '../errors/troupe-error.js';
import { liveIssues } from './dedupe.js';
import { beadsDirOf, ISSUES_FILE_NAME } from './find-project.js';
import { parseJsonl } from './parse-jsonl.js';
import { readBd } from './read-bd.js';
import { readFileStable } from './read-file-stable.js';
import type { Bead, BeadsProblem, BeadsSource } from './types.js';

export interface LoadBeadsOptions {
  env?: Record<string, string | undefined>;
  /** Overrides where `.beads` is (default: `$BEADS_DIR` or `<projectRoot>/.beads`). */
  beadsDir?: string;
  /** Re-reads of a file caught mid-rewrite before giving up and using what was read. Default 3. */
  stableRetries?: number;
  /** Pause between those re-reads. Default 50 ms. */
  retryDelayMs?: number;
  bdTimeoutMs?: number;
}

export interface LoadedBeads {
  /** Live issues: one per id, tombstones hidden. */
  issues: Bead[];
  problems: BeadsProblem[];
  source: BeadsSource;
  /** Where they were read from: the file path, or the bd command line. */
  origin: string;
  /** False when the file was still being written on the last read (torn line or changed under us). */
  stable: boolean;
  /** A digest of the raw input; equal signatures mean identical data. */
  signature: string;
  /** Tombstoned issues left out. */
  hidden: number;
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

async function loadJsonl(path: string, options: LoadBeadsOptions): Promise<LoadedBeads | null> {
  const retries = options.stableRetries ?? 3;
  for (let attempt = 0; ; attempt++) {
    let read;
    try {
      read = await readFileStable(path);
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return null;
      throw troupeError('BEADS_READ_FAILED', `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = parseJsonl(read.text);
    const stable = read.unchanged && !parsed.torn;
    if (stable || attempt >= retries) {
      const live = liveIssues(parsed.beads);
      return {
        issues: live.beads,
        problems: [...parsed.problems, ...live.problems],
        source: 'jsonl',
        origin: path,
        stable,
        signature: read.signature,
        hidden: live.hidden,
      };
    }
    await delay(options.retryDelayMs ?? 50);
  }
}

/**
 * Reads the live issues of the project at `projectRoot`. Bad lines are reported in `problems` and
 * skipped. Throws BEADS_READ_FAILED when there is nothing to read or bd fails.
 */
export async function loadBeads(projectRoot: string, options: LoadBeadsOptions = {}): Promise<LoadedBeads> {
  const beadsDir = options.beadsDir ?? beadsDirOf(projectRoot, options.env);
  const path = join(beadsDir, ISSUES_FILE_NAME);
  const fromFile = await loadJsonl(path, options);
  if (fromFile) return fromFile;
  let fromBd;
  try {
    fromBd = await readBd(projectRoot, { env: options.env, timeoutMs: options.bdTimeoutMs });
  } catch (error) {
    if (isTroupeError(error)) throw error;
    throw troupeError('BEADS_READ_FAILED', `cannot run bd: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!fromBd) {
    throw troupeError(
      'BEADS_READ_FAILED',
      `no beads in ${projectRoot}: ${path} does not exist and no \`bd\` is on PATH (run \`bd export\` or install bd)`,
      { projectRoot, path },
    );
  }
  const live = liveIssues(fromBd.beads);
  return {
    issues: live.beads,
    problems: [...fromBd.problems, ...live.problems],
    source: 'bd',
    origin: 'bd list --json --all --limit 0',
    stable: true,
    signature: fromBd.signature,
    hidden: live.hidden,
  };
}
