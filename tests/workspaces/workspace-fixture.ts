/** A git project with one workspace made the way troupe makes it. */
import { randomUUID } from 'node:crypto';
import type { WorkspaceInfo } from '../../src/protocol/workspace.js';
import { createWorkspace } from '../../src/workspaces/create.js';
import { gitProject } from '../helpers/git-project.js';
import type { TempProject } from '../helpers/temp-project.js';

export async function projectWithWorkspace(beadId = 'shop-1'): Promise<{ project: TempProject; workspace: WorkspaceInfo; sessionId: string }> {
  const project = await gitProject();
  return { project, ...(await addWorkspace(project, beadId)) };
}

export async function addWorkspace(project: TempProject, beadId = 'shop-1'): Promise<{ workspace: WorkspaceInfo; sessionId: string }> {
  const sessionId = randomUUID();
  const result = await createWorkspace({ projectRoot: project.root, sessionId, beadId });
  if (!('workspace' in result)) throw new Error(result.skipped);
  return { workspace: result.workspace, sessionId };
}
