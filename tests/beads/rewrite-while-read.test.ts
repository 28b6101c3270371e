import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBeads, watchBeads, type WbsTreeSnapshot } from '../../src/beads/index.js';
import { issue, jsonl, makeProject, type TempProject } from './helpers.js';

const WRITER = fileURLToPath(new URL('./fixtures/stalling-writer.mjs', import.meta.url));

function version(prefix: string, count: number): string {
  return jsonl(
    Array.from({ length: count }, (_, i) =>
      issue({ id: `${prefix}-${i}`, parent: i > 0 ? `${prefix}-0` : undefined, extra: { description: 'x'.repeat(200) } }),
    ),
  );
}

/** A cut in the middle of a line, past about half the file. */
function midLineCut(text: string): number {
  const newline = text.indexOf('\n', Math.floor(text.length / 2));
  return newline + 40;
}

/** The writer process; `next()` resolves with each word it prints ('half', 'whole'). */
function startWriter(target: string, source: string, cut: number) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [WRITER, target, source, String(cut)]);
  const words = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    child,
    next: async () => (await words.next()).value as string,
    go: () => child.stdin.write('go\n'),
    exited: once(child, 'exit'),
  };
}

describe('a file rewritten in place while it is read', () => {
  let project: TempProject;
  let writer: ReturnType<typeof startWriter> | undefined;

  afterEach(async () => {
    if (writer && writer.child.exitCode === null) {
      writer.child.kill();
      await writer.exited;
    }
    writer = undefined;
    await project.cleanup();
  });

  it('a one-shot read mid-write keeps the whole lines, reports the torn one and says it is not stable', async () => {
    project = await makeProject(version('old', 10));
    const next = version('new', 40);
    const source = join(project.root, 'next.jsonl');
    await writeFile(source, next);
    const cut = midLineCut(next);
    const wholeLinesBeforeCut = next.slice(0, cut).split('\n').length - 1;

    writer = startWriter(project.issuesPath, source, cut);
    expect(await writer.next()).toBe('half');
    const partial = await loadBeads(project.root, { stableRetries: 0 });
    expect(partial.stable).toBe(false);
    expect(partial.issues).toHaveLength(wholeLinesBeforeCut);
    expect(partial.problems).toEqual([expect.objectContaining({ code: 'torn-last-line', line: wholeLinesBeforeCut + 1 })]);

    writer.go();
    expect(await writer.next()).toBe('whole');
    const whole = await loadBeads(project.root, { stableRetries: 0 });
    expect(whole.stable).toBe(true);
    expect(whole.issues).toHaveLength(40);
    expect(whole.problems).toEqual([]);
  });

  it('the watcher never emits the half tree: it waits for the writer to finish', async () => {
    project = await makeProject(version('old', 10));
    const next = version('new', 40);
    const source = join(project.root, 'next.jsonl');
    await writeFile(source, next);

    const snapshots: WbsTreeSnapshot[] = [];
    let unstable: () => void = () => {};
    const sawUnstableRead = new Promise<void>((resolve) => (unstable = resolve));
    let arrived: (s: WbsTreeSnapshot) => void = () => {};
    const subscription = watchBeads(project.root, {
      debounceMs: 20,
      maxUnstableRetries: 1_000_000,
      onUnstableRead: () => unstable(),
    }).subscribe((s) => {
      snapshots.push(s);
      arrived(s);
    });
    const nextSnapshot = () => new Promise<WbsTreeSnapshot>((resolve) => (arrived = resolve));
    try {
      const first = snapshots[0] ?? (await nextSnapshot());
      expect(first.issueCount).toBe(10);

      writer = startWriter(project.issuesPath, source, midLineCut(next));
      expect(await writer.next()).toBe('half');
      await sawUnstableRead;
      const final = nextSnapshot();
      writer.go();
      expect(await writer.next()).toBe('whole');
      expect((await final).issueCount).toBe(40);

      for (const s of snapshots) expect([10, 40]).toContain(s.issueCount);
      expect(snapshots.at(-1)?.tree.byId.get('new-0')?.counts.children).toBe(39);
      expect(snapshots.at(-1)?.problems).toEqual([]);
    } finally {
      subscription.unsubscribe();
    }
  });
});
