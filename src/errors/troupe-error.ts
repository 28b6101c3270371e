/** One factory of typed errors, so every layer reports problems the same way. */

export type TroupeErrorCode =
  | 'UNKNOWN_SESSION'
  | 'UNKNOWN_BACKEND'
  | 'UNKNOWN_PERSONA'
  | 'UNKNOWN_TASK'
  /** This troupe does not offer what was asked (e.g. a server without the session history). */
  | 'UNSUPPORTED'
  | 'INVALID_PERSONA'
  | 'BACKEND_NOT_INSTALLED'
  | 'SESSION_LIMIT'
  | 'SESSION_BUSY'
  | 'SESSION_ENDED'
  | 'NO_ACTIVE_SESSION'
  | 'WORKER_DEAD'
  | 'INVALID_BEAD_ID'
  | 'INVALID_ARGUMENT'
  | 'LOG_WRITE_FAILED'
  | 'LOG_NOT_FOUND'
  | 'LOG_CORRUPT'
  | 'LOG_UNTRUSTED'
  | 'PROJECT_NOT_FOUND'
  /** A project file or folder that troupe refuses to use: a symlink, outside the project, not a regular file, too large. */
  | 'UNSAFE_PATH'
  | 'BEADS_READ_FAILED'
  /** A permission request another answer (another tab, the policy, a cancel) settled first. */
  | 'ALREADY_ANSWERED'
  /** A permission request id the session never had, or no longer has (a restart dropped it). */
  | 'UNKNOWN_REQUEST'
  /** git itself failed (its own words in the message). */
  | 'GIT_FAILED'
  /** The session has no workspace of its own (read-only, not a git project, or started with --workspace none). */
  | 'NO_WORKSPACE'
  /** A workspace action that cannot be done now, with why (the agent runs, changes not committed, ...). */
  | 'WORKSPACE_REFUSED'
  /** A merge would conflict; `details.files` names the files. Nothing was changed. */
  | 'WORKSPACE_CONFLICT';

export class TroupeError extends Error {
  readonly code: TroupeErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: TroupeErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'TroupeError';
    this.code = code;
    this.details = details;
  }
}

export function troupeError(
  code: TroupeErrorCode,
  message: string,
  details?: Record<string, unknown>,
): TroupeError {
  return new TroupeError(code, message, details);
}

export function isTroupeError(error: unknown, code?: TroupeErrorCode): error is TroupeError {
  return error instanceof TroupeError && (code === undefined || error.code === code);
}

/** Error message for any thrown value, for one-line reports. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
