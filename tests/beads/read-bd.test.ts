import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBeads, loadWbsTree } from '../../src/beads/index.js';
import { installFakeBd, issue, makeProject, readBp6Raw, type TempProject } from './helpers.js';

describe('reading through `bd list --json` when there is no issues.jsonl', () => {
  let project: TempProject;
  let binDir: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    project = await makeProject();
    binDir = await installFakeBd();
    env = { PATH: `${binDir}:/usr/bin:/bin`, FAKE_BD_DIR: binDir };
  });
  afterEach(async () => {
    await project.cleanup();
    await rm(binDir, { recursive: true, force: true });
  });

  const output = (text: string) => writeFile(join(binDir, 'output'), text);

  it('runs bd list --json --all --limit 0 in the project and builds the same tree as the file', async () => {
    const raw = await readBp6Raw();
    // bd list adds counts and a parent field beside the same issue objects.
    await output(JSON.stringify(raw.map((r) => ({ ...r, dependency_count: 0, comment_count: 0 }))));
    const tree = await loadWbsTree(project.root, { env });
    expect(tree.source).toBe('bd');
    expect((await readFile(join(binDir, 'args'), 'utf8')).trim()).toBe('list --json --all --limit 0');
    expect((await readFile(join(binDir, 'cwd'), 'utf8')).trim()).toBe(project.root);
    expect(tree.issueCount).toBe(555);
    expect(tree.hidden).toBe(95);
    expect(tree.tree.roots).toHaveLength(86);
    expect(tree.tree.byId.get('bp6-142')?.parentId).toBe('bp6-85n');
  });

  it('uses the parent field when bd leaves the dependencies out, and reports bad elements', async () => {
    await output(
      JSON.stringify([
        { id: 'bd-1', title: 'Epic', status: 'open', priority: 1, issue_type: 'epic' },
        { id: 'bd-2', title: 'Child', status: 'open', priority: 2, issue_type: 'task', parent: 'bd-1', dependency_count: 1 },
        'not an issue',
      ]),
    );
    const loaded = await loadWbsTree(project.root, { env });
    expect(loaded.tree.byId.get('bd-2')?.parentId).toBe('bd-1');
    expect(loaded.problems).toEqual([expect.objectContaining({ code: 'invalid-issue', line: 3 })]);
  });

  it('reports a failing bd with its exit code and stderr', async () => {
    await output('');
    env.FAKE_BD_EXIT = '3';
    env.FAKE_BD_STDERR = 'Error: database is locked';
    const failure = loadBeads(project.root, { env });
    await expect(failure).rejects.toMatchObject({ code: 'BEADS_READ_FAILED' });
    await expect(loadBeads(project.root, { env })).rejects.toThrow(/exited with 3: Error: database is locked/);
  });

  it('reports output that is not JSON', async () => {
    await output('Warning: no database found\n');
    await expect(loadBeads(project.root, { env })).rejects.toThrow(/not JSON/);
  });

  it('reads an empty result as no issues', async () => {
    await output('null\n');
    const loaded = await loadBeads(project.root, { env });
    expect(loaded.issues).toEqual([]);
  });

  it('says what is missing when there is neither a file nor bd', async () => {
    const noBd = { PATH: '/usr/bin:/bin' };
    await expect(loadBeads(project.root, { env: noBd })).rejects.toThrow(/issues\.jsonl does not exist and no `bd` is on PATH/);
  });

  it('prefers issues.jsonl and does not run bd when the file exists', async () => {
    await writeFile(project.issuesPath, JSON.stringify(issue({ id: 'file-1' })) + '\n');
    await output('[]');
    const loaded = await loadBeads(project.root, { env });
    expect(loaded.source).toBe('jsonl');
    expect(loaded.issues.map((b) => b.id)).toEqual(['file-1']);
    await expect(stat(join(binDir, 'args'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
