/**
 * Lines of schema 1 logs (troupe 0.1) read as schema 2 records. Their events carry no seq of their
 * own: chunks keep the chunk's seq, every other event gets seq 0 ("unnumbered"), which the
 * reducer ignores and the history places by its position in the log.
 */
import type { SequencedChunk } from '../protocol/chunks.js';
import type { SessionEvent, StopReason } from '../protocol/session-events.js';
import type { LogFooter, LogRecord } from './records.js';

const STOP_REASONS: readonly StopReason[] = ['user', 'shutdown', 'failed', 'log-error', 'done'];
/** How troupe 0.1 began the prompt it sent after a restart (personas/resume-prompt.ts). */
const LEGACY_RESUME_PROMPT = 'Your previous turn was interrupted before it finished';

type Legacy = Record<string, unknown> & { type: string };

/** A stop reason written as `reason` or `reason: detail`. */
export function parseLegacyStop(text: string): { reason: StopReason; detail?: string } {
  const colon = text.indexOf(': ');
  const head = colon >= 0 ? text.slice(0, colon) : text;
  const detail = colon >= 0 ? text.slice(colon + 2) : undefined;
  if ((STOP_REASONS as readonly string[]).includes(head)) return { reason: head as StopReason, ...(detail ? { detail } : {}) };
  if (text.startsWith('failed')) return { reason: 'failed', detail: text };
  return { reason: 'done', detail: text };
}

/** True for a line that is a schema 1 record rather than a schema 2 one. */
export function isLegacyRecord(value: Legacy): boolean {
  switch (value.type) {
    case 'header':
      return false;
    case 'footer':
      return typeof value.reason === 'string' && !(STOP_REASONS as readonly string[]).includes(value.reason);
    default:
      return typeof value.seq !== 'number';
  }
}

export function upgradeLegacyRecord(value: Legacy): LogRecord | null {
  const at = typeof value.at === 'number' ? value.at : 0;
  const event = (body: Record<string, unknown>, seq = 0): SessionEvent => ({ ...body, seq, at }) as SessionEvent;
  switch (value.type) {
    case 'user': {
      const text = String(value.text ?? '');
      const turn = Number(value.turn ?? 0);
      const source = text.startsWith(LEGACY_RESUME_PROMPT) ? 'troupe' : turn === 1 ? 'template' : 'person';
      return event({ type: 'user', turn, text, source });
    }
    case 'chunk': {
      const chunk = value.chunk as SequencedChunk | undefined;
      if (!chunk || typeof chunk !== 'object' || typeof chunk.seq !== 'number') return null;
      const { seq, turn, at: chunkAt, emittedAt, ...body } = chunk as SequencedChunk & { seqFrom?: number };
      delete (body as { seqFrom?: number }).seqFrom;
      const upgraded: SessionEvent = { type: 'chunk', seq, at: chunkAt, turn, chunk: body } as SessionEvent;
      if (emittedAt !== undefined) (upgraded as { emittedAt?: number }).emittedAt = emittedAt;
      if (typeof value.line === 'string') (upgraded as { line?: string }).line = value.line;
      return upgraded;
    }
    case 'stderr':
      return event({ type: 'stderr', line: String(value.line ?? '') });
    case 'spawn':
      return event({ type: 'spawn', pid: value.pid, turn: value.turn, attempt: value.attempt ?? 0 });
    case 'cli-session':
      return event({ type: 'cli-session', cliSessionId: value.cliSessionId });
    case 'turn-done': {
      const turn = value.turn;
      if (value.ok === true) return event({ type: 'turn-done', turn });
      if (value.reason === 'interrupted') return event({ type: 'turn-interrupted', turn });
      return event({ type: 'turn-failed', turn, reason: String(value.reason ?? 'the agent reported an error') });
    }
    case 'exit':
      return event({ type: 'exit', pid: value.pid, code: value.code, signal: value.signal, abnormal: value.abnormal === true, fatal: false, reason: String(value.reason ?? '') });
    case 'restart':
      return event({ type: 'restart-scheduled', attempt: value.attempt, delayMs: value.delayMs, reason: String(value.reason ?? '') });
    case 'resume':
      return event({
        type: 'resumed',
        by: value.by === 'user' ? 'user' : 'worker-replaced',
        troupePid: typeof value.troupePid === 'number' ? value.troupePid : 0,
        ...(typeof value.troupeStartTime === 'string' ? { troupeStartTime: value.troupeStartTime } : {}),
      });
    case 'log-error':
      return event({ type: 'log-error', message: String(value.message ?? '') });
    case 'stop':
      return event({ type: 'stopped', ...parseLegacyStop(String(value.reason ?? '')) });
    case 'footer': {
      const footer = value as unknown as Omit<LogFooter, 'reason'> & { reason: string };
      return { ...footer, ...parseLegacyStop(footer.reason) };
    }
    default:
      return null;
  }
}
