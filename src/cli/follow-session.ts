/** A running session on the terminal, for `troupe run` and `troupe resume`: its events as they come. */
import type { SessionInfo } from '../protocol/session.js';
import type { SupervisorApi } from '../supervisor/types.js';
import { DEFAULT_RESTART_POLICY } from '../supervisor/restart-policy.js';
import { SessionPrinter } from './session-printer.js';
import { terminalSafeJson } from '../text/terminal-safe.js';
import type { PermissionDecision } from '../protocol/permissions.js';
import { PermissionPrompter } from './permission-prompter.js';

export interface FollowOptions {
  /** Print the events as JSON lines on stdout instead. */
  json: boolean;
  maxRestarts?: number;
  /** How permission requests are answered: asked on the terminal, or this answer to every one. */
  answer?: PermissionDecision;
}

export function followSession(supervisor: SupervisorApi, sessionId: string, options: FollowOptions): { stop(): void } {
  const printer = new SessionPrinter(
    { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) },
    { mode: 'live', maxRestarts: options.maxRestarts ?? DEFAULT_RESTART_POLICY.maxRestarts },
  );
  const prompter = new PermissionPrompter(supervisor, sessionId, {
    // A person at a terminal is asked, unless the command line answered already.
    interactive: options.answer === undefined && process.stdin.isTTY === true && process.stderr.isTTY === true,
    answer: options.answer ?? 'deny',
    input: process.stdin,
    err: (text) => process.stderr.write(text),
  });
  const subscription = supervisor.sessionEvents(sessionId).subscribe((event) => {
    if (options.json) process.stdout.write(`${terminalSafeJson(event)}\n`);
    else printer.print(event);
    if (event.type === 'permission-requested') prompter.requested(event.request);
    else if (event.type === 'permission-resolved') prompter.resolved(event.requestId);
  });
  return {
    stop() {
      subscription.unsubscribe();
      prompter.close();
      if (!options.json) printer.finish();
    },
  };
}

/** Why a settled turn counts as failed, in one line; null when it succeeded. */
export function turnFailure(info: SessionInfo, turn: number): string | null {
  if (info.status !== 'idle') return `session ${info.status}: ${info.reason ?? 'no reason given'}`;
  if (info.lastTurn === 'interrupted') return `turn ${turn} interrupted`;
  if (info.lastTurn !== 'done') return `turn ${turn} failed: ${info.reason ?? 'the agent reported an error'}`;
  return null;
}
