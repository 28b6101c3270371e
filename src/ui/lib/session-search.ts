/**
 * Finding a session by what a person remembers of it: every word of the query must be found in its
 * bead (id or title), persona, backend, status, task, model or id, or else in its chat, which only
 * the server can search (the ids it found come in as `textMatches`).
 */
import type { SessionInfo } from '../../protocol/session.js';
import { statusLabel } from '../../session/live-status.js';

export function searchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export interface SearchContext {
  beadTitle?: string;
  personaLabel?: string;
}

export function sessionHaystack(info: SessionInfo, context: SearchContext = {}): string {
  return [
    info.sessionId,
    info.beadId ?? 'no bead',
    context.beadTitle,
    info.persona,
    context.personaLabel,
    info.backendId,
    statusLabel(info),
    info.status,
    info.task,
    info.model,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/** True when the session matches every word, by its fields or (per the server) by its chat. */
export function matchesSearch(info: SessionInfo, words: readonly string[], context: SearchContext = {}, textMatches?: ReadonlySet<string>): boolean {
  if (words.length === 0) return true;
  if (textMatches?.has(info.sessionId)) return true;
  const haystack = sessionHaystack(info, context);
  return words.every((word) => haystack.includes(word));
}
