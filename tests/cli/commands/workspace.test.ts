/** `troupe run` in a git project, then diff, discard's confirmation, commit and merge from the terminal. */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { branches, gitIn, gitProject, statusOf, worktreePaths } from '../../helpers/git-project.js';
import { simEnv } from '../../helpers/sim-env.js';
import type { TempProject } from '../../helpers/temp-project.js';
import { troupe } from '../../helpers/troupe-cli.js';

let project: TempProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

describe('a workspace from the terminal', () => {
  it('run leaves the work in its worktree; diff shows it; discard asks; commit and merge land it in main', { timeout: 180_000 }, async () => {
    project = await gitProject();
    const root = project.root;
    const env = { ...simEnv(project.simStateDir, { chunks: 2, tools: 0, editFiles: 1 }), TROUPE_STATE_DIR: join(project.simStateDir, 'troupe') };
    const run = await troupe(['run', '--project', root, '--bead', 'shop-7', 'write the notes'], env);
    expect(run.exitCode, run.stderr).toBe(0);
    const id = /session ([0-9a-f-]{36})/.exec(run.stderr)![1]!;
    const short = id.slice(0, 8);
    expect(run.stderr).toContain(`the work is in ${join(root, '.bp6', 'worktrees', id)} on troupe/shop-7/${short} (+5 −0, 1 file, uncommitted): troupe diff ${short}`);
    expect(await statusOf(root)).toBe('');

    const diff = await troupe(['diff', short, '--json', '--project', root], env);
    expect(diff.exitCode, diff.stderr).toBe(0);
    const parsed = JSON.parse(diff.stdout) as { changes: { files: { path: string }[] }; diff: string };
    expect(parsed.changes.files.map((f) => f.path)).toEqual(['notes/write-the-notes-1.md']);
    expect(parsed.diff).toContain('+# write the notes');

    // Without a terminal, discard says what it would lose and does nothing.
    const refused = await troupe(['discard', short, '--project', root], env);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('discard would lose 1 uncommitted file(s) (notes/write-the-notes-1.md) and 0 commit(s)');
    expect(refused.stderr).toContain('--yes');
    expect(existsSync(join(root, '.bp6', 'worktrees', id, 'notes/write-the-notes-1.md'))).toBe(true);

    const early = await troupe(['merge', short, '--project', root], env);
    expect(early.exitCode).toBe(1);
    expect(early.stderr).toMatch(/not committed .* commit them first/);

    expect((await troupe(['commit', short, '-m', 'shop-7: the notes', '--project', root], env)).stdout).toMatch(/^committed 1 file\(s\): [0-9a-f]{12}/);
    const merged = await troupe(['merge', short, '--project', root], env);
    expect(merged.exitCode, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^merged into main \(fast-forward\)/);
    expect(await gitIn(root, 'log', '-1', '--format=%s')).toBe('shop-7: the notes');
    expect(await readFile(join(root, 'notes/write-the-notes-1.md'), 'utf8')).toContain('write the notes');
    expect(await worktreePaths(root)).toEqual([root]);
    expect(await branches(root)).toEqual(['main']);
    expect((await troupe(['diff', short, '--project', root], env)).stderr).toMatch(/the workspace of session [0-9a-f-]{36} was merged/);
  });

  it('run --workspace none works in the project root', { timeout: 60_000 }, async () => {
    project = await gitProject();
    const env = { ...simEnv(project.simStateDir, { chunks: 1, tools: 0, editFiles: 1 }), TROUPE_STATE_DIR: join(project.simStateDir, 'troupe') };
    const run = await troupe(['run', '--workspace', 'none', '--project', project.root, 'in place'], env);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await statusOf(project.root)).toBe('?? notes/');
    expect((await troupe(['run', '--workspace', 'maybe', '--project', project.root, 'x'], env)).stderr).toMatch(/expected auto .* or none/);
  });
});
