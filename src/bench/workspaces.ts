/**
 * Benchmark: the time to create a session's workspace (a git worktree on a new branch, as a start
 * does) and to compute the changes of a 1,000-line diff (what the worker does after a tool call,
 * and with the unified diff what the Changes tab asks for), medians of 10 after a warm-up, in a
 * generated repository of 400 files. Run compiled: `node dist/bench/workspaces.js [--json]`.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceInfo } from '../protocol/workspace.js';
import { computeChanges, DASHBOARD_DIFF_BYTES } from '../workspaces/changes.js';
import { createWorkspace } from '../workspaces/create.js';
import { git } from '../workspaces/git.js';
import { commitIdentityEnv } from '../workspaces/identity.js';
import { removeWorkspace } from '../workspaces/remove.js';
import { renderTable, fixed } from './text-table.js';

export interface Spread {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

export interface WorkspacesBenchFigures {
  repoFiles: number;
  diffLines: number;
  create: Spread;
  /** Files, counts, commits (after each tool call). */
  changes: Spread;
  /** The same with the unified diff (the Changes tab). */
  changesAndDiff: Spread;
  remove: Spread;
}

const FILES = 400;
const LINES_PER_FILE = 40;
const RUNS = 10;

/** `count` source files of `lines` lines each, the same on every run. */
export function generatedFiles(count: number, lines: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let f = 0; f < count; f++) {
    const body = Array.from({ length: lines }, (_, l) => `export const item${f}_${l} = ${(f * 31 + l * 7) % 1000}; // module ${f}, line ${l}`);
    files[`src/module-${Math.floor(f / 50)}/file-${f}.ts`] = `${body.join('\n')}\n`;
  }
  return files;
}

/** A change of exactly `lines` lines: the first lines of some files rewritten (each one line removed, one added). */
export function editLines(files: Record<string, string>, lines: number): Record<string, string> {
  const edited: Record<string, string> = {};
  const perFile = 25;
  const names = Object.keys(files).slice(0, Math.ceil(lines / 2 / perFile));
  let left = lines / 2;
  for (const name of names) {
    const rows = (files[name] as string).split('\n');
    for (let l = 0; l < perFile && left > 0; l++, left--) rows[l] = `${rows[l]} // reviewed`;
    edited[name] = rows.join('\n');
  }
  return edited;
}

async function writeAll(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { medianMs: median, minMs: sorted[0] ?? 0, maxMs: sorted.at(-1) ?? 0, runs: samples.length };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export async function runWorkspacesBench(runs = RUNS): Promise<WorkspacesBenchFigures> {
  const root = await mkdtemp(join(tmpdir(), 'troupe-bench-ws-'));
  try {
    await git(['init', '--quiet', '--initial-branch=main'], { cwd: root });
    const files = generatedFiles(FILES, LINES_PER_FILE);
    await writeAll(root, files);
    await git(['add', '--all'], { cwd: root });
    await git(['commit', '--quiet', '-m', 'generated'], { cwd: root, env: await commitIdentityEnv(root) });

    const made: WorkspaceInfo[] = [];
    const create: number[] = [];
    for (let i = 0; i <= runs; i++) {
      let workspace: WorkspaceInfo | undefined;
      const ms = await timed(async () => {
        const result = await createWorkspace({ projectRoot: root, sessionId: randomUUID(), beadId: `bench-${i}` });
        if ('workspace' in result) workspace = result.workspace;
      });
      if (!workspace) throw new Error('no workspace was made');
      made.push(workspace);
      if (i > 0) create.push(ms); // the first one warms the caches
    }

    const edited = made[0] as WorkspaceInfo;
    await writeAll(edited.path, editLines(files, 1000));
    const check = await computeChanges(edited);
    const diffLines = check.changes.added + check.changes.removed;
    const changes: number[] = [];
    const changesAndDiff: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const a = await timed(() => computeChanges(edited));
      const b = await timed(() => computeChanges(edited, { diffBytes: DASHBOARD_DIFF_BYTES }));
      if (i > 0) {
        changes.push(a);
        changesAndDiff.push(b);
      }
    }
    const remove: number[] = [];
    for (const workspace of made.slice(1)) remove.push(await timed(() => removeWorkspace(root, workspace)));
    return { repoFiles: FILES, diffLines, create: spread(create), changes: spread(changes), changesAndDiff: spread(changesAndDiff), remove: spread(remove) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function print(figures: WorkspacesBenchFigures): void {
  const row = (name: string, s: Spread) => [name, fixed(s.medianMs), fixed(s.minMs), fixed(s.maxMs), String(s.runs)];
  process.stdout.write(`workspaces: a repository of ${figures.repoFiles} files; the diff has ${figures.diffLines} changed lines\n`);
  process.stdout.write(
    renderTable(
      ['step', 'median ms', 'min ms', 'max ms', 'runs'],
      [
        row('create a workspace (worktree + branch)', figures.create),
        row(`changes of the ${figures.diffLines}-line diff (files, counts)`, figures.changes),
        row('  the same with the unified diff', figures.changesAndDiff),
        row('remove a workspace (worktree + branch)', figures.remove),
      ],
    ),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runWorkspacesBench();
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(figures)}\n`);
  else print(figures);
}
