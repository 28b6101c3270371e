/** The history view's commands: find past sessions, read one's log, resume one. */
import { troupeError } from '../../errors/troupe-error.js';
import type { SessionInfo } from '../../protocol/session.js';
import type { PastSessionsPage } from '../../protocol/past-sessions.js';
import type { ClientCommand } from '../../protocol/wire.js';
import type { DashboardServices } from '../services.js';
import type { PastSessionsService } from '../past-sessions.js';

function pastOf(services: DashboardServices): PastSessionsService {
  if (!services.past) throw troupeError('UNSUPPORTED', 'this troupe does not list past sessions');
  return services.past;
}

export function findSessions(services: DashboardServices, command: Extract<ClientCommand, { type: 'find-sessions' }>): Promise<PastSessionsPage> {
  return pastOf(services).find({ query: command.query, limit: command.limit, before: command.before });
}

export async function resumeSession(services: DashboardServices, command: Extract<ClientCommand, { type: 'resume' }>): Promise<{ sessionId: string }> {
  const sessionId = await pastOf(services).resume(command.sessionId, command.message);
  services.supervisor.switchActive(sessionId);
  return { sessionId };
}

/** The session a history request reads: a listed one, else one known only from its log (read-only). */
export async function historyTarget(services: DashboardServices, sessionId: string): Promise<SessionInfo> {
  const listed = services.supervisor.get(sessionId);
  if (listed) return listed;
  const logPath = services.past ? await services.past.logPath(sessionId) : undefined;
  if (!logPath) throw troupeError('UNKNOWN_SESSION', `no session ${sessionId}`);
  return { sessionId, logPath, status: 'stopped' } as SessionInfo;
}
