/** The commit message troupe suggests for a session's work: the bead and the person's words of its turn. */
import type { SessionInfo } from '../protocol/session.js';

const SUBJECT_CHARS = 72;

export function suggestedCommitMessage(info: Pick<SessionInfo, 'sessionId' | 'beadId' | 'persona' | 'backendId'>, words: string | undefined): string {
  const line = (words ?? '').split('\n').map((l) => l.trim()).find((l) => l !== '') ?? 'work of the session';
  const head = info.beadId ? `${info.beadId}: ${line}` : line;
  const subject = head.length > SUBJECT_CHARS ? `${head.slice(0, SUBJECT_CHARS - 1).trimEnd()}…` : head;
  return `${subject}\n\nMade by troupe session ${info.sessionId} (${info.persona}, ${info.backendId}).`;
}
