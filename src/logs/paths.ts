/**
 * Where session logs live: `.bp6/sessions/<bead-folder>/<session-id>-<timestamp>.jsonl`.
 * A bead id becomes a folder name only after validation, so no id can reach outside the folder.
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { quoted } from '../text/quoted.js';

export const UNTRACKED_FOLDER = 'untracked';
/** Longest bead id accepted; real ids are short (`bp6-07y.1.2`), file names stop at 255 bytes. */
export const MAX_BEAD_ID_LENGTH = 120;
const MAX_SESSION_ID_LENGTH = 80;

const SAFE_CHAR = /^[A-Za-z0-9._-]$/;
// NUL, C0 and C1 controls, DEL, and the path separators of every platform.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f/\\]/;
const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** `<project>/.bp6`: troupe's own folder in a project. */
export function troupeFolder(projectRoot: string): string {
  return join(resolve(projectRoot), '.bp6');
}

export function sessionsRoot(projectRoot: string): string {
  return join(troupeFolder(projectRoot), 'sessions');
}

/**
 * The folder name for a bead id: `untracked` when none. Plain ids (letters, digits, `.`, `_`, `-`)
 * stay as they are; other characters (spaces, unicode, `:`) are percent-encoded, which keeps
 * distinct ids apart. Ids that could escape or confuse the folder are refused.
 */
export function beadFolderName(beadId?: string): string {
  if (beadId === undefined) return UNTRACKED_FOLDER;
  if (typeof beadId !== 'string') throw invalidBead(beadId, 'it is not a string');
  if (beadId.trim().length === 0) throw invalidBead(beadId, 'it is empty');
  if (beadId === '.' || beadId === '..') throw invalidBead(beadId, 'it names a folder, not a bead');
  if (FORBIDDEN.test(beadId)) {
    throw invalidBead(beadId, 'it contains a slash, backslash, NUL or control character');
  }
  if (beadId.length > MAX_BEAD_ID_LENGTH) {
    throw invalidBead(beadId, `it is longer than ${MAX_BEAD_ID_LENGTH} characters`);
  }
  if (beadId === UNTRACKED_FOLDER) throw invalidBead(beadId, `"${UNTRACKED_FOLDER}" is reserved for sessions without a bead`);
  let name = '';
  for (const char of beadId) name += SAFE_CHAR.test(char) ? char : encodeChar(beadId, char);
  return name;
}

/** The bead id a folder name stands for (undefined for `untracked`). */
export function beadIdFromFolder(folder: string): string | undefined {
  if (folder === UNTRACKED_FOLDER) return undefined;
  try {
    return decodeURIComponent(folder);
  } catch {
    return folder;
  }
}

/** The log file of a session; verifies that the result is inside the sessions folder. */
export function sessionLogPath(
  projectRoot: string,
  beadId: string | undefined,
  sessionId: string,
  startedAt: number,
): string {
  if (typeof sessionId !== 'string' || !SESSION_ID.test(sessionId) || sessionId.length > MAX_SESSION_ID_LENGTH) {
    throw troupeError('INVALID_ARGUMENT', `Invalid session id ${quoted(String(sessionId))}: expected letters, digits, "-" or "_" (a UUID).`);
  }
  if (!Number.isFinite(startedAt) || startedAt < 0) {
    throw troupeError('INVALID_ARGUMENT', `Invalid session start time ${String(startedAt)}: expected epoch milliseconds.`);
  }
  const root = sessionsRoot(projectRoot);
  const path = join(root, beadFolderName(beadId), `${sessionId}-${logTimestamp(startedAt)}.jsonl`);
  if (!isInside(root, path)) {
    throw troupeError('INVALID_BEAD_ID', `Session log path ${path} would fall outside ${root}.`);
  }
  return path;
}

/** `2026-11-20T21-58-22.123Z`: ISO 8601 without colons, which some file systems refuse. */
export function logTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replaceAll(':', '-');
}

const LOG_FILE_NAME = /^(.+)-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z)\.jsonl$/;

/** The session id and timestamp a log file name holds, or null for any other file. */
export function parseLogFileName(fileName: string): { sessionId: string; timestamp: string } | null {
  const match = LOG_FILE_NAME.exec(fileName);
  if (!match || match[1] === undefined || match[2] === undefined) return null;
  return { sessionId: match[1], timestamp: match[2] };
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path));
  return rel.length > 0 && !isAbsolute(rel) && !rel.split(sep).includes('..');
}

/** `path` is `root` itself or inside it (lexically: resolve symlinks first where they matter). */
export function isWithin(root: string, path: string): boolean {
  return resolve(root) === resolve(path) || isInside(root, path);
}

function encodeChar(beadId: string, char: string): string {
  try {
    // encodeURIComponent leaves !'()*~ alone; encode them too so the name is plain.
    return encodeURIComponent(char).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    throw invalidBead(beadId, 'it is not valid unicode (a lone surrogate)');
  }
}

function invalidBead(beadId: unknown, why: string) {
  return troupeError(
    'INVALID_BEAD_ID',
    `Invalid bead id ${quoted(String(beadId), 57)}: ${why}. A bead id is letters, digits, ".", "_" and "-" (e.g. bp6-07y.1).`,
  );
}
