/**
 * Runs real git: argv arrays (never a shell), a clean environment (no GIT_DIR or index inherited
 * from whoever started troupe, no prompt, no pager, no editor, C locale for messages we read), and
 * bounded output. Async only: the main thread may call it.
 */
import { execa } from 'execa';
import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { troupeError } from '../errors/troupe-error.js';

export interface GitResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** stdout was cut at `maxBytes`. */
  cut: boolean;
}

export interface GitOptions {
  cwd: string;
  /** Extra environment (e.g. a temporary GIT_INDEX_FILE). */
  env?: Record<string, string>;
  /** Most bytes of stdout kept; git is ended beyond it. Default 8 MiB. */
  maxBytes?: number;
  /** Exit codes that are answers, not failures (`git diff --quiet` exits 1 for "differs"). */
  okCodes?: readonly number[];
  input?: string;
  /** How long a lock held by another git (config, index, a ref) is waited for before failing. Default 10 s. */
  lockWaitMs?: number;
}

/** Variables that would point git at another repository, index or object store than the one asked. */
const LOCATION_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
];

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const DEFAULT_LOCK_WAIT_MS = 10_000;

/** git's own line when another git holds a lock it needs (it fails at once instead of waiting); anchored, so a file's name cannot pass for it. */
const LOCK_HELD = /^(?:error|fatal): (?:.*: )?(?:could not lock config file .*|Unable to create '.*\.lock'): File exists\.?$/m;

function gitEnv(extra: Record<string, string> | undefined): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_EDITOR: 'true',
    GIT_MERGE_AUTOEDIT: 'no',
    LC_ALL: 'C',
    LANGUAGE: 'C',
  };
  for (const name of LOCATION_VARIABLES) env[name] = undefined;
  return { ...env, ...extra };
}

/** Runs git; a failure (an exit code not in okCodes) throws GIT_FAILED with git's own words. */
export async function git(args: readonly string[], options: GitOptions): Promise<GitResult> {
  const result = await gitWaitingForLocks(args, options);
  if (result.exitCode !== 0 && !(options.okCodes ?? []).includes(result.exitCode)) {
    throw troupeError('GIT_FAILED', `git ${args[0] ?? ''} failed: ${firstLines(result.stderr || result.stdout) || `exit code ${result.exitCode}`}`, {
      exitCode: result.exitCode,
    });
  }
  return result;
}

/** git said that another git holds a lock it needs. */
export function isLockHeld(stderr: string): boolean {
  return LOCK_HELD.test(stderr);
}

/**
 * Another troupe, or the person's own git, may hold the lock for a moment; git gives up at once,
 * so a failure that names a held lock is tried again (with a growing, jittered pause) until the
 * wait is over. A lock left by a git that crashed then fails with git's words.
 */
async function gitWaitingForLocks(args: readonly string[], options: GitOptions): Promise<GitResult> {
  const deadline = Date.now() + (options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS);
  let pause = 10;
  for (;;) {
    const result = await gitRaw(args, options);
    if (result.exitCode === 0 || !isLockHeld(result.stderr) || Date.now() + pause > deadline) return result;
    await sleep(pause / 2 + Math.random() * pause);
    pause = Math.min(pause * 2, 500);
  }
}

/** Runs git and returns whatever it said, whatever its exit code. */
export async function gitRaw(args: readonly string[], options: GitOptions): Promise<GitResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let result;
  try {
    result = await execa('git', ['-c', 'core.quotepath=off', ...args], {
      cwd: options.cwd,
      env: gitEnv(options.env),
      extendEnv: true,
      reject: false,
      stripFinalNewline: false,
      maxBuffer: { stdout: maxBytes, stderr: 64 * 1024 },
      ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' as const }),
    });
  } catch (error) {
    throw troupeError('GIT_FAILED', `git could not be run: ${(error as Error).message}`);
  }
  if (result.exitCode === undefined && !result.isMaxBuffer) {
    // spawn says ENOENT both for a missing program and a missing working folder.
    const missingFolder = !(await stat(options.cwd).then((s) => s.isDirectory(), () => false));
    const why = missingFolder ? `the folder ${options.cwd} does not exist` : (result as { code?: string }).code === 'ENOENT' ? 'git is not installed (install it: apt-get install git)' : result.message;
    throw troupeError('GIT_FAILED', `git could not be run: ${why}`);
  }
  return {
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    exitCode: result.isMaxBuffer ? 0 : (result.exitCode ?? 1),
    cut: result.isMaxBuffer === true,
  };
}

function firstLines(text: string): string {
  return text.trim().split('\n').slice(0, 3).join(' / ').slice(0, 400);
}

/** Splits `-z` output into its fields (the last, empty one dropped). */
export function nulFields(text: string): string[] {
  const fields = text.split('\0');
  if (fields.at(-1) === '') fields.pop();
  return fields;
}
