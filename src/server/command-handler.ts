/** Carries out one validated command against the supervisor and the other services. */
import { isTroupeError, messageOf, troupeError } from '../errors/troupe-error.js';
import type { SessionSpec } from '../protocol/session.js';
import type { ClientCommand, WireError } from '../protocol/wire.js';
import type { DashboardFeed } from './feed.js';
import { findSessions, historyTarget, resumeSession } from './commands/past-session-commands.js';
import type { DashboardServices } from './services.js';
import { answerPermissionCommand } from './commands/answer-permission.js';
import { workspaceCommand } from './commands/workspace.js';

export interface CommandContext {
  services: DashboardServices;
  feed: DashboardFeed;
  /** Replaces the set of sessions this client streams. */
  setWatched(sessionIds: string[]): void;
}

const DEFAULT_HISTORY_LIMIT = 200;

export async function handleCommand(command: ClientCommand, ctx: CommandContext): Promise<unknown> {
  const { supervisor } = ctx.services;
  switch (command.type) {
    case 'start': {
      const spec: SessionSpec = { ...command.spec };
      const sessionId = await supervisor.start(spec);
      return { sessionId };
    }
    case 'send': {
      const target = command.sessionId ?? supervisor.getActive();
      if (!target) throw troupeError('NO_ACTIVE_SESSION', 'no session given and no active session');
      requireSession(ctx, target);
      await supervisor.send(command.message, target);
      return { sessionId: target };
    }
    case 'interrupt':
      await supervisor.interrupt(command.sessionId);
      return {};
    case 'stop':
      await supervisor.stop(command.sessionId);
      return {};
    case 'terminate':
      requireSession(ctx, command.sessionId);
      await supervisor.terminate(command.sessionId);
      return {};
    case 'revive':
      requireSession(ctx, command.sessionId);
      await supervisor.revive(command.sessionId, command.message);
      return {};
    case 'switch-active':
      requireSession(ctx, command.sessionId);
      supervisor.switchActive(command.sessionId);
      return { sessionId: command.sessionId };
    case 'list':
      return { sessions: supervisor.list(), active: supervisor.getActive() };
    case 'history': {
      const info = await historyTarget(ctx.services, command.sessionId);
      return ctx.services.history(info, { limit: command.limit ?? DEFAULT_HISTORY_LIMIT, before: command.before });
    }
    case 'find-sessions':
      return findSessions(ctx.services, command);
    case 'resume':
      return resumeSession(ctx.services, command);
    case 'beads-tree':
      return { tree: ctx.feed.currentTree() };
    case 'watch':
      ctx.setWatched(command.sessionIds);
      return { watching: command.sessionIds };
    case 'ping':
      return { now: Date.now() };
    case 'answer-permission':
      requireSession(ctx, command.sessionId);
      return answerPermissionCommand(command, supervisor);
    case 'workspace-diff':
    case 'workspace-commit':
    case 'workspace-merge':
    case 'workspace-discard':
    case 'workspace-keep':
      requireSession(ctx, command.sessionId);
      return workspaceCommand(command, supervisor);
  }
}

function requireSession(ctx: CommandContext, sessionId: string) {
  const info = ctx.services.supervisor.get(sessionId);
  if (!info) throw troupeError('UNKNOWN_SESSION', `no session ${sessionId}`);
  return info;
}

/** Any thrown value as the error half of a reply. */
export function toWireError(error: unknown): WireError {
  if (isTroupeError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: messageOf(error) };
}
