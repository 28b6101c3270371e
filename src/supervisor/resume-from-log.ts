import { findInterruptedSessions, findSessionLog, replayLog } from '../logs/index.js';
import { troupeError } from '../errors/troupe-error.js';
import { adoptedSpec } from './adopt-spec.js';
import type { Supervisor } from './supervisor.js';

/**
 * Takes a session known only from its log into the supervisor's table, as ended, so a person can
 * revive it: the same CLI conversation, appending to the same log.
 */
export async function adoptFromLog(supervisor: Supervisor, logPath: string): Promise<string> {
  const replay = await replayLog(logPath);
  const { state } = replay;
  const sessionId = replay.info.sessionId;
  if (supervisor.get(sessionId)) return sessionId;
  if (!state.ended && !replay.interrupted) {
    throw troupeError('SESSION_BUSY', `session ${sessionId} is still running in another troupe process (pid ${state.owner?.troupePid})`);
  }
  const spec = await adoptedSpec({ logPath, header: state.header!, state: state.session }, supervisor.defaults);
  const info = { ...state.session.info, logPath };
  // Only the checked workspace is shown: the log's own copy is data.
  if (spec.worktree) info.workspace = spec.worktree;
  else delete info.workspace;
  supervisor.adopt({ state: { ...state.session, info }, spec });
  return sessionId;
}

/** Continues a past or interrupted session with a new message. */
export async function resumeFromLog(supervisor: Supervisor, projectRoot: string, sessionIdOrPrefix: string, message: string): Promise<string> {
  const sessionId = await adoptFromLog(supervisor, await findSessionLog(projectRoot, sessionIdOrPrefix));
  await supervisor.revive(sessionId, message);
  return sessionId;
}

export interface AdoptReport {
  adopted: string[];
  /** Logs that were not taken on, with why (an untrusted field, a damaged log). */
  refused: { logPath: string; reason: string }[];
}

/** When troupe starts: sessions whose troupe died under them are listed again, ready to revive. */
export async function adoptInterruptedSessions(supervisor: Supervisor, projectRoot: string): Promise<string[]> {
  return (await adoptInterrupted(supervisor, projectRoot)).adopted;
}

export async function adoptInterrupted(supervisor: Supervisor, projectRoot: string): Promise<AdoptReport> {
  const report: AdoptReport = { adopted: [], refused: [] };
  for (const session of await findInterruptedSessions(projectRoot)) {
    try {
      report.adopted.push(await adoptFromLog(supervisor, session.logPath));
    } catch (error) {
      // A damaged or crafted log must not stop the start: it is reported and left alone.
      report.refused.push({ logPath: session.logPath, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
