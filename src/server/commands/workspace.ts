/** The dashboard's workspace commands, carried out by the supervisor's workspace actions. */
import { troupeError } from '../../errors/troupe-error.js';
import type { WorkspaceCommand } from '../../protocol/wire.js';
import type { SupervisorApi } from '../../supervisor/types.js';

export async function workspaceCommand(command: WorkspaceCommand, supervisor: SupervisorApi): Promise<unknown> {
  const workspaces = supervisor.workspaces;
  if (!workspaces) throw troupeError('NO_WORKSPACE', 'this troupe has no workspaces');
  switch (command.type) {
    case 'workspace-diff':
      return workspaces.diff(command.sessionId);
    case 'workspace-commit':
      return workspaces.commit(command.sessionId, command.message);
    case 'workspace-merge':
      return workspaces.merge(command.sessionId);
    case 'workspace-discard':
      return workspaces.discard(command.sessionId);
    case 'workspace-keep':
      return workspaces.keep(command.sessionId);
  }
}
