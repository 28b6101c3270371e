import type { SessionSpec } from '../protocol/index.js';
import { findSessionLog, replayLog } from '../logs/index.js';
import { troupeError } from '../errors/troupe-error.js';
import type { Supervisor } from './supervisor.js';

/**
 * Continues a session known only from its log (troupe was restarted or killed since): the same
 * CLI conversation through its session id, appending to the same log.
 */
export async function resumeFromLog(supervisor: Supervisor, projectRoot: string, sessionIdOrPrefix: string, message: string): Promise<string> {
  const logPath = await findSessionLog(projectRoot, sessionIdOrPrefix);
  const replay = await replayLog(logPath);
  const { info, state } = replay;
  const live = supervisor.get(info.sessionId);
  if (!live && !state.ended && !replay.interrupted) {
    throw troupeError('SESSION_BUSY', `session ${info.sessionId} is still running in another troupe process (pid ${state.owner?.troupePid})`);
  }
  if (!live) {
    const spec = (state.header?.spec ?? {}) as SessionSpec & { firstPrompt?: string };
    // Secrets were never logged: those variables come from this troupe's own environment again.
    const env = spec.env ? Object.fromEntries(Object.entries(spec.env).filter(([, value]) => value !== '[redacted]')) : undefined;
    supervisor.adopt({ ...info, logPath }, { ...spec, env, backend: info.backendId, persona: info.persona, beadId: info.beadId }, state.lastSeq);
  }
  await supervisor.revive(info.sessionId, message);
  return info.sessionId;
}
