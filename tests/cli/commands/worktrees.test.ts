/**
 * kill -9 of troupe with live workspaces: the next start finds them (logs + git) and lists them as
 * orphaned; `troupe worktrees prune` removes the empty one and keeps the one with work until --force.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execa, type ResultPromise } from 'execa';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { WorkspaceListing } from '../../../src/protocol/workspace.js';
import { branches, gitProject, statusOf, worktreePaths } from '../../helpers/git-project.js';
import { simEnv } from '../../helpers/sim-env.js';
import { waitForNoMarkedProcesses } from '../../helpers/process-table.js';
import type { TempProject } from '../../helpers/temp-project.js';
import { TROUPE_BIN, troupe, waitForLine } from '../../helpers/troupe-cli.js';

let project: TempProject | undefined;
const children: ResultPromise[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await project?.cleanup();
  project = undefined;
});

async function listed(env: Record<string, string>): Promise<WorkspaceListing[]> {
  const result = await troupe(['worktrees', '--json', '--project', project!.root], env);
  expect(result.exitCode, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { workspaces: WorkspaceListing[] }).workspaces;
}

describe('troupe worktrees after troupe was killed', () => {
  it('lists the orphaned workspaces, and prune removes the empty one, keeps uncommitted work until --force', { timeout: 180_000 }, async () => {
    project = await gitProject();
    const root = project.root;
    const mark = randomUUID();
    const state = { TROUPE_STATE_DIR: join(project.simStateDir, 'troupe') };
    // Both agents hang mid-turn: one after it edited a file, one before it did anything.
    const editing = { ...simEnv(project.simStateDir, { chunks: 3, tools: 0, editFiles: 1, hangAfter: 2 }, mark), ...state };
    const idle = { ...simEnv(project.simStateDir, { chunks: 3, tools: 0, hangAfter: 1 }, mark), ...state };
    const a = execa(process.execPath, [TROUPE_BIN, 'run', '--json', '--project', root, '--bead', 'shop-1', 'edit then hang'], { env: editing, reject: false });
    const b = execa(process.execPath, [TROUPE_BIN, 'run', '--json', '--project', root, '--bead', 'shop-2', 'just hang'], { env: idle, reject: false });
    children.push(a, b);
    await Promise.all([waitForLine(a, /"type":"workspace-changed"/), waitForLine(b, /"kind":"text"/)]);
    a.kill('SIGKILL');
    b.kill('SIGKILL');
    await Promise.all([a, b]);

    const orphans = await listed(state);
    expect(orphans.map((w) => [w.beadId, w.state, w.uncommitted]).sort()).toEqual([
      ['shop-1', 'orphaned', 1],
      ['shop-2', 'orphaned', 0],
    ]);
    expect(await statusOf(root)).toBe('');

    // The next start says so (and reaps the two agents the killed troupes left).
    const serve = execa(process.execPath, [TROUPE_BIN, 'serve', '--project', root, '--port', '0', '--backend', 'sim'], { env: state, reject: false });
    children.push(serve);
    await waitForLine(serve, /2 orphaned workspace\(s\) left by a troupe that was killed/);
    serve.kill('SIGTERM');
    await serve;
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);

    const pruned = await troupe(['worktrees', 'prune', '--project', root], state);
    expect(pruned.exitCode, pruned.stderr).toBe(0);
    expect(pruned.stdout).toMatch(/removed troupe\/shop-2\/\S+ \(orphaned\)/);
    expect(pruned.stdout).toMatch(/kept troupe\/shop-1\/\S+: 1 uncommitted file\(s\): --force removes them/);
    const left = await listed(state);
    expect(left.map((w) => w.beadId)).toEqual(['shop-1']);

    const forced = await troupe(['worktrees', 'prune', '--force', '--project', root], state);
    expect(forced.stdout).toMatch(/removed troupe\/shop-1\//);
    expect(await listed(state)).toEqual([]);
    expect(await worktreePaths(root)).toEqual([root]);
    expect(await branches(root)).toEqual(['main']);
    expect((await troupe(['worktrees', '--project', root], state)).stdout).toMatch(/no workspaces/);
  });
});
