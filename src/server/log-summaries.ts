/**
 * The summaries of the project's session logs, read again only for logs that changed (size or
 * time), so listing hundreds of past sessions costs a `stat` each once they were read.
 */
import { stat } from 'node:fs/promises';
import { messageOf } from '../errors/troupe-error.js';
import { listLogFiles, summarizeLog, type LoggedSession } from '../logs/index.js';

interface Cached {
  size: number;
  mtimeMs: number;
  summary: LoggedSession;
}

const LANES = 8;

export interface LogSummaries {
  /** Every readable log, newest first; unreadable ones are left out (and told once). */
  all(): Promise<LoggedSession[]>;
  /** The log of a session by its exact id, from the last listing (listing again when unknown). */
  logPath(sessionId: string): Promise<string | undefined>;
}

export function logSummaries(projectRoot: string, onProblem: (path: string, message: string) => void = () => undefined): LogSummaries {
  const cache = new Map<string, Cached>();
  const told = new Set<string>();
  const byId = new Map<string, string>();

  const read = async (path: string): Promise<LoggedSession | null> => {
    try {
      const info = await stat(path);
      const known = cache.get(path);
      // A running session's owner may have gone since: those are read again each time.
      if (known && known.size === info.size && known.mtimeMs === info.mtimeMs && known.summary.status !== 'running') return known.summary;
      const summary = await summarizeLog(path);
      cache.set(path, { size: info.size, mtimeMs: info.mtimeMs, summary });
      return summary;
    } catch (error) {
      cache.delete(path);
      if (!told.has(path)) {
        told.add(path);
        onProblem(path, messageOf(error));
      }
      return null;
    }
  };

  const all = async (): Promise<LoggedSession[]> => {
    const files = await listLogFiles(projectRoot, { onProblem });
    const found: LoggedSession[] = [];
    let next = 0;
    const lane = async () => {
      while (next < files.length) {
        const file = files[next++];
        const summary = file ? await read(file.path) : null;
        if (summary) found.push(summary);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LANES, files.length) }, lane));
    const paths = new Set(files.map((file) => file.path));
    for (const path of cache.keys()) if (!paths.has(path)) cache.delete(path);
    byId.clear();
    for (const summary of found) byId.set(summary.id, summary.logPath);
    return found.sort((a, b) => b.startedAt - a.startedAt || a.id.localeCompare(b.id));
  };

  return {
    all,
    async logPath(sessionId) {
      if (!byId.has(sessionId)) await all();
      return byId.get(sessionId);
    },
  };
}
