/** Finds session log files under `.bp6/sessions/`, by walking its bead folders. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { troupeError } from '../errors/troupe-error.js';
import { describeOsError } from './os-reason.js';
import { beadIdFromFolder, parseLogFileName, sessionsRoot } from './paths.js';

export interface LogFile {
  path: string;
  sessionId: string;
  /** From the folder name; the header has the exact id. */
  beadId?: string;
  timestamp: string;
}

export async function listLogFiles(projectRoot: string): Promise<LogFile[]> {
  const root = sessionsRoot(projectRoot);
  const folders = await readdirOrEmpty(root);
  const files: LogFile[] = [];
  for (const folder of folders) {
    if (!folder.isDirectory()) continue;
    const beadId = beadIdFromFolder(folder.name);
    for (const entry of await readdirOrEmpty(join(root, folder.name))) {
      const parsed = entry.isFile() ? parseLogFileName(entry.name) : null;
      if (parsed) files.push({ path: join(root, folder.name, entry.name), beadId, ...parsed });
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
    throw troupeError('LOG_NOT_FOUND', `No session log for "${wanted}" under ${sessionsRoot(projectRoot)}.`);
  }
  if (ids.length > 1) {
    const shown = ids.slice(0, 5).join(', ');
    throw troupeError('INVALID_ARGUMENT', `"${wanted}" matches ${ids.length} sessions (${shown}${ids.length > 5 ? ', ...' : ''}); give more of the id.`);
  }
  // One session, one log: a resume appends to it. Should copies exist, the newest wins.
  const newest = matches.sort((a, b) => b.timestamp.localeCompare(a.timestamp))[0];
  return (newest as LogFile).path;
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
