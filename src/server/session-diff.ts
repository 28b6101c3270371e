/** Which sessions changed since the last update sent, and which status changes need attention. */
import type { SessionInfo, SessionStatus } from '../protocol/session.js';

export interface StatusTransition {
  sessionId: string;
  from: SessionStatus | undefined;
  to: SessionStatus;
  info: SessionInfo;
}

export interface SessionDiff {
  upsert: SessionInfo[];
  removed: string[];
  transitions: StatusTransition[];
}

export class SessionDiffer {
  private readonly sent = new Map<string, { json: string; status: SessionStatus }>();

  diff(sessions: readonly SessionInfo[]): SessionDiff {
    const upsert: SessionInfo[] = [];
    const transitions: StatusTransition[] = [];
    const seen = new Set<string>();
    for (const info of sessions) {
      seen.add(info.sessionId);
      const json = JSON.stringify(info);
      const before = this.sent.get(info.sessionId);
      if (before?.json === json) continue;
      upsert.push(info);
      if (before?.status !== info.status) {
        transitions.push({ sessionId: info.sessionId, from: before?.status, to: info.status, info });
      }
      this.sent.set(info.sessionId, { json, status: info.status });
    }
    const removed: string[] = [];
    for (const id of this.sent.keys()) {
      if (!seen.has(id)) removed.push(id);
    }
    for (const id of removed) this.sent.delete(id);
    return { upsert, removed, transitions };
  }
}
