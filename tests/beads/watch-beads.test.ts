import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Subscription } from 'rxjs';
import { watchBeads, type WbsTreeSnapshot } from '../../src/beads/index.js';
import { installFakeBd, issue, jsonl, makeProject, type TempProject } from './helpers.js';

/** Collects snapshots; `until` resolves with the first one (already seen or still to come) that matches. */
function collect(root: string, env?: Record<string, string>) {
  const seen: WbsTreeSnapshot[] = [];
  const waiters: Array<{ test: (s: WbsTreeSnapshot) => boolean; resolve: (s: WbsTreeSnapshot) => void }> = [];
  const subscription: Subscription = watchBeads(root, { debounceMs: 20, env }).subscribe((s) => {
    seen.push(s);
    for (const w of [...waiters]) {
      if (w.test(s)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(s);
      }
    }
  });
  const until = (test: (s: WbsTreeSnapshot) => boolean) =>
    new Promise<WbsTreeSnapshot>((resolve) => {
      const found = seen.find(test);
      if (found) resolve(found);
      else waiters.push({ test, resolve });
    });
  return { seen, until, subscription };
}

describe('watchBeads', () => {
  let project: TempProject;
  let subscription: Subscription | undefined;

  afterEach(async () => {
    subscription?.unsubscribe();
    await project.cleanup();
  });

  it('emits the tree at once, then again after an append and after an atomic replace', async () => {
    project = await makeProject(jsonl([issue({ id: 'w-1' })]));
    const watch = collect(project.root);
    subscription = watch.subscription;

    const first = await watch.until(() => true);
    expect(first.source).toBe('jsonl');
    expect([...first.tree.byId.keys()]).toEqual(['w-1']);

    await appendFile(project.issuesPath, jsonl([issue({ id: 'w-2', parent: 'w-1' })]));
    const appended = await watch.until((s) => s.issueCount === 2);
    expect(appended.tree.byId.get('w-1')?.children.map((c) => c.id)).toEqual(['w-2']);

    // bd may write a temp file and rename it over issues.jsonl.
    const temp = join(project.beadsDir, 'issues.jsonl.tmp');
    await writeFile(temp, jsonl([issue({ id: 'w-1', status: 'closed' }), issue({ id: 'w-3' }), issue({ id: 'w-4' })]));
    await rename(temp, project.issuesPath);
    const replaced = await watch.until((s) => s.issueCount === 3);
    expect(replaced.tree.roots.map((r) => r.id)).toEqual(['w-1', 'w-3', 'w-4']);
    expect(replaced.tree.byId.get('w-1')?.bead.status).toBe('closed');
    expect(replaced.tree.byId.has('w-2')).toBe(false);
  });

  it('reports a project without beads, then picks up the file when it appears', async () => {
    project = await makeProject();
    const watch = collect(project.root, { PATH: '/usr/bin:/bin' });
    subscription = watch.subscription;

    const failed = await watch.until(() => true);
    expect(failed.error).toMatch(/does not exist and no `bd` is on PATH/);
    expect(failed.problems[0]?.code).toBe('read-failed');
    expect(failed.tree.roots).toEqual([]);

    await writeFile(project.issuesPath, jsonl([issue({ id: 'late-1' })]));
    const loaded = await watch.until((s) => s.issueCount === 1);
    expect(loaded.error).toBeUndefined();
    expect(loaded.tree.byId.has('late-1')).toBe(true);
  });

  it('reports garbage written later and keeps the good lines', async () => {
    project = await makeProject(jsonl([issue({ id: 'k-1' })]));
    const watch = collect(project.root);
    subscription = watch.subscription;
    await watch.until(() => true);

    await appendFile(project.issuesPath, 'garbage\n' + jsonl([issue({ id: 'k-2' })]));
    const next = await watch.until((s) => s.issueCount === 2);
    expect(next.problems).toEqual([expect.objectContaining({ code: 'unparsable-line', line: 2 })]);
  });

  it('with bd as the source, re-reads when the Dolt store under .beads/dolt changes, and not because bd touched it itself', async () => {
    project = await makeProject();
    const binDir = await installFakeBd();
    try {
      const store = join(project.beadsDir, 'dolt', 'beads', '.dolt', 'noms');
      await mkdir(store, { recursive: true });
      const output = (ids: string[]) => writeFile(join(binDir, 'output'), JSON.stringify(ids.map((id) => issue({ id }))));
      const runs = async () => (await readFile(join(binDir, 'runs'), 'utf8')).trim().split('\n').length;
      await output(['d-1']);
      // Each bd run writes into its own store, as a real bd may (lock, journal).
      const env = { PATH: `${binDir}:/usr/bin:/bin`, FAKE_BD_DIR: binDir, FAKE_BD_TOUCH: join(store, 'LOCK') };
      const watch = collect(project.root, env);
      subscription = watch.subscription;
      expect((await watch.until(() => true)).source).toBe('bd');

      // A commit deep in the store: the new tree comes through.
      await output(['d-1', 'd-2']);
      await writeFile(join(store, 'journal.idx'), 'commit');
      const next = await watch.until((s) => s.issueCount === 2);
      expect(next.tree.byId.has('d-2')).toBe(true);

      // bd's own touches do not chain into endless re-reads: the count settles.
      const settled = await runs();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await runs()).toBeLessThanOrEqual(settled + 1);
    } finally {
      await rm(binDir, { recursive: true, force: true });
    }
  });
});
