/** Which sessions are new, which changed (as field patches) and which are gone since the last update. */
import type { SessionInfo, SessionStatus } from '../protocol/session.js';
import type { SessionPatch } from '../protocol/wire.js';

export interface StatusTransition {
  sessionId: string;
  from: SessionStatus | undefined;
  to: SessionStatus;
  info: SessionInfo;
}

export interface SessionDiff {
  upsert: SessionInfo[];
  patch: SessionPatch[];
  removed: string[];
  transitions: StatusTransition[];
}

interface Sent {
  json: string;
  fields: Map<string, string>;
  status: SessionStatus;
}

function fieldsOf(info: SessionInfo): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [key, value] of Object.entries(info)) {
    if (value !== undefined) fields.set(key, JSON.stringify(value));
  }
  return fields;
}

/**
 * Most updates of a streaming session change a field or two (lastActivity, totals): sending those
 * instead of the whole record keeps the list cheap with a hundred sessions.
 */
export class SessionDiffer {
  private readonly sent = new Map<string, Sent>();

  diff(sessions: readonly SessionInfo[]): SessionDiff {
    const upsert: SessionInfo[] = [];
    const patch: SessionPatch[] = [];
    const transitions: StatusTransition[] = [];
    const seen = new Set<string>();
    for (const info of sessions) {
      seen.add(info.sessionId);
      const json = JSON.stringify(info);
      const before = this.sent.get(info.sessionId);
      if (before?.json === json) continue;
      const fields = fieldsOf(info);
      if (!before) {
        upsert.push(info);
      } else {
        const set: Record<string, unknown> = {};
        const unset: (keyof SessionInfo)[] = [];
        for (const [key, value] of fields) {
          if (before.fields.get(key) !== value) set[key] = (info as unknown as Record<string, unknown>)[key];
        }
        for (const key of before.fields.keys()) if (!fields.has(key)) unset.push(key as keyof SessionInfo);
        patch.push({ sessionId: info.sessionId, set: set as Partial<SessionInfo>, ...(unset.length ? { unset } : {}) });
      }
      if (before?.status !== info.status) {
        transitions.push({ sessionId: info.sessionId, from: before?.status, to: info.status, info });
      }
      this.sent.set(info.sessionId, { json, fields, status: info.status });
    }
    const removed: string[] = [];
    for (const id of this.sent.keys()) {
      if (!seen.has(id)) removed.push(id);
    }
    for (const id of removed) this.sent.delete(id);
    return { upsert, patch, removed, transitions };
  }
}
