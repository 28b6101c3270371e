import type { SessionSpec } from '../protocol/index.js';
import { findInterruptedSessions, findSessionLog, replayLog } from '../logs/index.js';
import { troupeError } from '../errors/troupe-error.js';
import type { Supervisor } from './supervisor.js';

/**
 * Takes a session known only from its log into the supervisor's table, as `stopped`, so a person
 * can revive it: the same CLI conversation, appending to the same log.
 */
export async function adoptFromLog(supervisor: Supervisor, logPath: string): Promise<string> {
  const replay = await replayLog(logPath);
  const { info, state } = replay;
  if (supervisor.get(info.sessionId)) return info.sessionId;
  if (!state.ended && !replay.interrupted) {
    throw troupeError('SESSION_BUSY', `session ${info.sessionId} is still running in another troupe process (pid ${state.owner?.troupePid})`);
  }
  const spec = (state.header?.spec ?? {}) as SessionSpec & { firstPrompt?: string };
  // Secrets were never logged: those variables come from this troupe's own environment again.
  const env = spec.env ? Object.fromEntries(Object.entries(spec.env).filter(([, value]) => value !== '[redacted]')) : undefined;
  supervisor.adopt({ ...info, logPath }, { ...spec, env, backend: info.backendId, persona: info.persona, beadId: info.beadId }, state.lastSeq);
  return info.sessionId;
}

/** Continues a past or interrupted session with a new message. */
export async function resumeFromLog(supervisor: Supervisor, projectRoot: string, sessionIdOrPrefix: string, message: string): Promise<string> {
  const sessionId = await adoptFromLog(supervisor, await findSessionLog(projectRoot, sessionIdOrPrefix));
  await supervisor.revive(sessionId, message);
  return sessionId;
}

/** When troupe starts: sessions whose troupe died under them are listed again, ready to revive. */
export async function adoptInterruptedSessions(supervisor: Supervisor, projectRoot: string): Promise<string[]> {
  const adopted: string[] = [];
  for (const session of await findInterruptedSessions(projectRoot)) {
    try {
      adopted.push(await adoptFromLog(supervisor, session.logPath));
    } catch {
      // A damaged log is listed by `troupe sessions` with its problem; it must not stop the start.
    }
  }
  return adopted;
}
