import { describe, expect, it } from 'vitest';
import type { WorkspaceChanges, WorkspaceDiff, WorkspaceInfo } from '../../src/protocol/workspace.js';
import { SimulatedClock } from '../../src/time/clock.js';
import { MIN_GAP_MS, WorkspaceWatch, type WorkspaceProbe } from '../../src/workers/workspace-watch.js';

const workspace: WorkspaceInfo = { path: '/w', branch: 'troupe/b/0d2b8c3e', baseCommit: 'a'.repeat(40) };
const counts = (added: number, files = 1): WorkspaceChanges => ({
  files: Array.from({ length: files }, (_, i) => ({ path: `f${i}`, status: 'modified' as const, added, removed: 0 })),
  added: added * files,
  removed: 0,
  commits: 0,
  uncommitted: true,
});

/** A probe the test answers: each computation waits until the test resolves it. */
function probe() {
  const asks: ((changes: WorkspaceChanges | Error) => void)[] = [];
  const p: WorkspaceProbe = {
    changes: () => new Promise((resolve, reject) => asks.push((c) => (c instanceof Error ? reject(c) : resolve(c)))),
    diff: async () => ({ workspace, changes: counts(9), diff: '', diffLimitBytes: 1 }) as WorkspaceDiff,
  };
  return { p, asks };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('WorkspaceWatch', () => {
  it('runs one computation at a time, folds the asks of a burst into one more, at least the gap apart', async () => {
    const clock = new SimulatedClock(0);
    const { p, asks } = probe();
    const published: WorkspaceChanges[] = [];
    const watch = new WorkspaceWatch(workspace, p, { changed: (c) => published.push(c), failed: () => undefined }, clock);
    for (let i = 0; i < 5; i++) watch.refresh();
    expect(asks).toHaveLength(1);
    asks[0]!(counts(1));
    await flush();
    expect(published).toHaveLength(1);
    expect(asks).toHaveLength(1); // the burst's one more waits for the gap
    clock.advance(MIN_GAP_MS);
    await flush();
    expect(asks).toHaveLength(2);
    asks[1]!(counts(1)); // the same again: not published twice
    await flush();
    expect(published).toHaveLength(1);
  });

  it('settle skips the gap, computes once more, and then publishes nothing', async () => {
    const clock = new SimulatedClock(0);
    const { p, asks } = probe();
    const published: WorkspaceChanges[] = [];
    const watch = new WorkspaceWatch(workspace, p, { changed: (c) => published.push(c), failed: () => undefined }, clock);
    watch.refresh();
    watch.refresh();
    asks[0]!(counts(1));
    await flush();
    const settled = watch.settle();
    await flush();
    expect(asks).toHaveLength(2);
    asks[1]!(counts(2));
    await settled;
    expect(published.map((c) => c.added)).toEqual([1, 2]);
    watch.refresh();
    expect(asks).toHaveLength(2);
  });

  it('tells a failure once, and lists at most 200 files in an event with the whole count', async () => {
    const clock = new SimulatedClock(0);
    const { p, asks } = probe();
    const failures: string[] = [];
    const published: WorkspaceChanges[] = [];
    const watch = new WorkspaceWatch(workspace, p, { changed: (c) => published.push(c), failed: (m) => failures.push(m) }, clock);
    for (let i = 0; i < 2; i++) {
      watch.refresh();
      asks[i]!(new Error('the worktree is gone'));
      await flush();
      clock.advance(MIN_GAP_MS);
    }
    expect(failures).toEqual(['the worktree is gone']);
    watch.refresh();
    asks[2]!(counts(1, 500));
    await flush();
    expect(published[0]).toMatchObject({ truncated: true, fileCount: 500, added: 500 });
    expect(published[0]!.files).toHaveLength(200);
  });
});
