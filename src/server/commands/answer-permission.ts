/** `answer-permission`: a person's answer from the dashboard, handed to the session's worker. */
import type { PermissionAnswer } from '../../protocol/permissions.js';
import type { ClientCommand } from '../../protocol/wire.js';
import type { SupervisorApi } from '../../supervisor/types.js';

export async function answerPermissionCommand(command: Extract<ClientCommand, { type: 'answer-permission' }>, supervisor: SupervisorApi): Promise<{ sessionId: string; requestId: string }> {
  const { sessionId, requestId, decision, scope, message, answers } = command;
  const answer: PermissionAnswer = { decision, ...(scope ? { scope } : {}), ...(message ? { message } : {}), ...(answers ? { answers } : {}) };
  await supervisor.answerPermission(sessionId, requestId, answer);
  return { sessionId, requestId };
}
