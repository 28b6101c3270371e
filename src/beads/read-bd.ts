/** The fallback reader for bd v0.50+ (Dolt storage): `bd list --json --all --limit 0`. */
import { createHash } from 'node:crypto';
import { execa } from 'execa';
import { troupeError } from '../errors/troupe-error.js';
import { parseIssue } from './parse-issue.js';
import type { Bead, BeadsProblem } from './types.js';

export const BD_LIST_ARGS = ['list', '--json', '--all', '--limit', '0'] as const;

export interface BdRead {
  beads: Bead[];
  problems: BeadsProblem[];
  signature: string;
}

export interface BdReadOptions {
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** The executable to run; `bd` from PATH by default. */
  command?: string;
}

/** Resolves null when no `bd` can be run (not on PATH); throws when bd runs and fails. */
export async function readBd(projectRoot: string, options: BdReadOptions = {}): Promise<BdRead | null> {
  const command = options.command ?? 'bd';
  const result = await execa(command, [...BD_LIST_ARGS], {
    cwd: projectRoot,
    env: options.env,
    extendEnv: options.env === undefined,
    timeout: options.timeoutMs ?? 30_000,
    reject: false,
    stdin: 'ignore',
    maxBuffer: 512 * 1024 * 1024,
  });
  const code = (result as { code?: string }).code;
  if (result.failed && code === 'ENOENT') return null;
  if (result.failed) {
    const stderr = String(result.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
    const why = result.timedOut ? 'timed out' : `exited with ${result.exitCode ?? result.signal ?? 'an error'}`;
    throw troupeError('BEADS_READ_FAILED', `\`${command} ${BD_LIST_ARGS.join(' ')}\` ${why}${stderr ? `: ${stderr}` : ''}`);
  }
  const stdout = String(result.stdout ?? '');
  let value: unknown;
  try {
    value = stdout.trim() === '' ? [] : JSON.parse(stdout);
  } catch (error) {
    throw troupeError(
      'BEADS_READ_FAILED',
      `\`${command} list --json\` printed something that is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (value === null) value = [];
  if (!Array.isArray(value)) {
    throw troupeError('BEADS_READ_FAILED', `\`${command} list --json\` printed JSON that is not an array`);
  }
  const beads: Bead[] = [];
  const problems: BeadsProblem[] = [];
  value.forEach((item, index) => {
    const parsed = parseIssue(item, index + 1);
    if (parsed.kind === 'invalid') problems.push(parsed.problem);
    else if (parsed.kind === 'issue') {
      beads.push(parsed.bead);
      problems.push(...parsed.problems);
    }
  });
  return { beads, problems, signature: createHash('sha1').update(stdout).digest('hex') };
}
