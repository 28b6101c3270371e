/** Lists the sessions recorded under a project, newest first, from their logs alone. */
import { messageOf } from '../errors/troupe-error.js';
import { listLogFiles } from './log-files.js';
import { summarizeLog, type LoggedSession, type SummarizeOptions } from './summarize.js';

export interface ListSessionsOptions extends SummarizeOptions {
  /** A log that cannot be read (no header, unreadable) is left out and reported here. */
  onProblem?: (logPath: string, message: string) => void;
  /** Logs summarized at once. Default 8. */
  concurrency?: number;
}

export async function listSessions(projectRoot: string, options: ListSessionsOptions = {}): Promise<LoggedSession[]> {
  const files = await listLogFiles(projectRoot, { onProblem: options.onProblem });
  const sessions: LoggedSession[] = [];
  let next = 0;
  const work = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++];
      if (!file) continue;
      try {
        sessions.push(await summarizeLog(file.path, options));
      } catch (error) {
        options.onProblem?.(file.path, messageOf(error));
      }
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 8, files.length));
  await Promise.all(Array.from({ length: lanes }, work));
  return sessions.sort((a, b) => b.startedAt - a.startedAt || a.id.localeCompare(b.id));
}

/** Sessions that were running when their troupe process went away: the ones to offer for resuming. */
export async function findInterruptedSessions(
  projectRoot: string,
  options: ListSessionsOptions = {},
): Promise<LoggedSession[]> {
  return (await listSessions(projectRoot, options)).filter((session) => session.status === 'interrupted');
}
