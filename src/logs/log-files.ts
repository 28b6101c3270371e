/**
 * Finds session log files under `.bp6/sessions/`, by walking its bead folders. The rule is the
 * writer's: a folder may be a symlink that resolves inside the project (so whatever troupe wrote
 * is listed); one that leads out of it is not read, and is reported.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { describeOsError } from './os-reason.js';
import { beadIdFromFolder, isWithin, parseLogFileName, sessionsRoot } from './paths.js';
import { quoted } from '../text/quoted.js';

export interface LogFile {
  path: string;
  sessionId: string;
  /** From the folder name; the header has the exact id. */
  beadId?: string;
  timestamp: string;
}

export interface ListLogFilesOptions {
  /** A folder that is not read (it leads out of the project) is reported here. */
  onProblem?: (path: string, message: string) => void;
}

export async function listLogFiles(projectRoot: string, options: ListLogFilesOptions = {}): Promise<LogFile[]> {
  const root = sessionsRoot(projectRoot);
  const project = await realpathOrNull(projectRoot);
  const realRoot = await realpathOrNull(root);
  if (project === null || realRoot === null) return [];
  if (!isWithin(project, realRoot)) {
    options.onProblem?.(root, outsideMessage(realRoot));
    return [];
  }
  const files: LogFile[] = [];
  const seen = new Set<string>();
  for (const folder of await readdirOrEmpty(root)) {
    const path = join(root, folder.name);
    if (!folder.isDirectory() && !folder.isSymbolicLink()) continue;
    const real = folder.isDirectory() ? join(realRoot, folder.name) : await realpathOrNull(path);
    if (real === null || seen.has(real)) continue; // dangling, or a second name for a folder already read
    if (!isWithin(project, real)) {
      options.onProblem?.(path, outsideMessage(real));
      continue;
    }
    if (folder.isSymbolicLink() && !(await stat(real).then((s) => s.isDirectory(), () => false))) continue;
    seen.add(real);
    const beadId = beadIdFromFolder(folder.name);
    for (const entry of await readdirOrEmpty(path)) {
      const parsed = entry.isFile() ? parseLogFileName(entry.name) : null;
      if (parsed) files.push({ path: join(path, entry.name), beadId, ...parsed });
    }
  }
  return files;
}

/** The log of a session, by its id or an unambiguous prefix of it. */
export async function findSessionLog(projectRoot: string, sessionIdOrPrefix: string): Promise<string> {
  const wanted = sessionIdOrPrefix.trim();
  if (wanted.length === 0) throw troupeError('INVALID_ARGUMENT', 'A session id (or the start of one) is required.');
  const files = await listLogFiles(projectRoot);
  const exact = files.filter((file) => file.sessionId === wanted);
  const matches = exact.length > 0 ? exact : files.filter((file) => file.sessionId.startsWith(wanted));
  const ids = [...new Set(matches.map((file) => file.sessionId))];
  if (ids.length === 0) {
    throw troupeError('LOG_NOT_FOUND', `No session log for ${quoted(wanted)} under ${sessionsRoot(projectRoot)}.`);
  }
  if (ids.length > 1) {
    const shown = ids.slice(0, 5).join(', ');
    throw troupeError('INVALID_ARGUMENT', `${quoted(wanted)} matches ${ids.length} sessions (${shown}${ids.length > 5 ? ', ...' : ''}); give more of the id.`);
  }
  // One session, one log: a resume appends to it. Should copies exist, the newest wins.
  const newest = matches.sort((a, b) => b.timestamp.localeCompare(a.timestamp))[0];
  return (newest as LogFile).path;
}

function outsideMessage(real: string): string {
  return `it leads to ${real}, outside the project; troupe reads and writes session logs only inside the project`;
}

async function realpathOrNull(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return null;
    throw troupeError('LOG_NOT_FOUND', `Cannot read ${path}: ${describeOsError(error)}`);
  }
}

async function readdirOrEmpty(path: string) {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw troupeError('LOG_NOT_FOUND', `Cannot read ${path}: ${describeOsError(error)}`);
  }
}
