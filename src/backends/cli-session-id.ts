/**
 * The syntax of each CLI's own conversation id. An id comes from an agent's output or from a log
 * file: it must never become anything but the value of `--resume` (a value like `--yolo` would be
 * read as a flag).
 */
import { troupeError } from '../errors/troupe-error.js';
import type { BackendId } from '../protocol/ids.js';
import { quoted } from '../text/quoted.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Claude, Gemini and the simulated agent use UUIDs for sessions; Codex uses UUIDs (v7) for threads. */
const PATTERNS: Record<BackendId, RegExp> = { claude: UUID, gemini: UUID, codex: UUID, sim: UUID };

export function isCliSessionId(backend: BackendId, value: unknown): value is string {
  return typeof value === 'string' && PATTERNS[backend].test(value);
}

export function assertCliSessionId(backend: BackendId, value: unknown, where = 'the CLI session id'): string {
  if (isCliSessionId(backend, value)) return value;
  throw troupeError('INVALID_ARGUMENT', `${where} ${quoted(String(value))} is not a ${backend} session id (expected a UUID): refused`);
}

/** A model name: letters, digits and . _ : / @ -, not starting with '-' (it would read as a flag). */
export const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@\[\]-]{0,99}$/;

export function assertModelName(value: string, where = 'model'): string {
  if (MODEL_NAME.test(value)) return value;
  throw troupeError('INVALID_ARGUMENT', `${where} ${quoted(value)} is not a model name (letters, digits and . _ : / @ -, not starting with "-")`);
}
