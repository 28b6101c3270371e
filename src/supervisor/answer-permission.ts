/**
 * A person's answer to a pending permission request, on its way to the session's worker. Two tabs
 * may answer the same request: the first is sent, the second is told ALREADY_ANSWERED at once (the
 * worker checks again, for answers that cross on the way).
 */
import { troupeError } from '../errors/troupe-error.js';
import type { PermissionAnswer } from '../protocol/permissions.js';
import type { SessionRecord } from './session-record.js';

export async function answerPermission(record: SessionRecord, requestId: string, answer: PermissionAnswer): Promise<void> {
  const sessionId = record.info.sessionId;
  const pending = record.info.pendingPermissions?.some((request) => request.requestId === requestId) ?? false;
  const resolvedBy = pending ? undefined : record.resolvedRequests.get(requestId);
  if (resolvedBy === 'cancelled') {
    throw troupeError('UNKNOWN_REQUEST', `permission request ${requestId} of session ${sessionId} was withdrawn (an interrupt or a restart): the agent asks again if it still needs to`);
  }
  if (record.answering.has(requestId) || resolvedBy !== undefined) {
    throw troupeError('ALREADY_ANSWERED', `permission request ${requestId} of session ${sessionId} was already answered${resolvedBy === 'policy' ? " by the session's policy" : ''}`);
  }
  if (!pending || !record.worker) {
    throw troupeError('UNKNOWN_REQUEST', `session ${sessionId} has no pending permission request ${requestId} (a restart or an interrupt withdraws what was pending)`);
  }
  if (answer.decision === 'deny' && answer.scope === 'session') {
    throw troupeError('INVALID_ARGUMENT', 'a denial is for this request only: scope "session" goes with allow');
  }
  record.answering.add(requestId);
  try {
    await record.worker.call((api) => api.answer(requestId, answer));
  } finally {
    record.answering.delete(requestId);
  }
}
