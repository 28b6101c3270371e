/** Sends a person's answer to a permission request; a refusal is told, once, in words a person can use. */
import type { PermissionAnswer } from '../../protocol/permissions.js';
import { CommandError, type Connection } from '../lib/connection.js';

export async function answerRequest(
  connection: Connection,
  toast: (level: 'error' | 'info', text: string) => void,
  sessionId: string,
  requestId: string,
  answer: PermissionAnswer,
): Promise<boolean> {
  try {
    await connection.request({ type: 'answer-permission', sessionId, requestId, ...answer });
    return true;
  } catch (error) {
    const code = error instanceof CommandError ? error.code : '';
    if (code === 'ALREADY_ANSWERED') toast('info', 'Already answered (in another tab, or by the session’s policy).');
    else if (code === 'UNKNOWN_REQUEST') toast('info', `That request is gone: ${(error as Error).message}`);
    else toast('error', `Could not answer: ${(error as Error).message}`);
    return false;
  }
}
