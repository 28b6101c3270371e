import type { StopReason } from '../protocol/session-events.js';

/** The words a person reads for how a session ended. */
export function stopText(reason: StopReason, detail?: string): string {
  switch (reason) {
    case 'user':
      return detail ? `stopped by user: ${detail}` : 'stopped by user';
    case 'shutdown':
      return 'troupe shut down';
    case 'done':
      return detail ?? 'ended';
    case 'failed':
      return detail ?? 'failed';
    case 'log-error':
      return `session log failed${detail ? `: ${detail}` : ''}`;
  }
}
