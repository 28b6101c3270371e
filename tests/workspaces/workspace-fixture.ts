/** A git project with one workspace made the way troupe makes it. */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkspaceInfo } from '../../src/protocol/workspace.js';
import { createWorkspace } from '../../src/workspaces/create.js';
import { gitIn, gitProject } from '../helpers/git-project.js';
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

/** Everything that says what the base checkout is: HEAD, its index and files, and the status. */
export async function checkoutState(root: string): Promise<string[]> {
  return [
    await gitIn(root, 'rev-parse', 'HEAD'),
    await gitIn(root, 'rev-parse', 'refs/heads/main'),
    await gitIn(root, 'status', '--porcelain', '--untracked-files=all'),
    await gitIn(root, 'ls-files', '--stage'),
    await readFile(join(root, 'src/app.ts'), 'utf8'),
    await readFile(join(root, 'notes.txt'), 'utf8').catch(() => 'no notes.txt'),
  ];
}
