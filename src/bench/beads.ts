/**
 * Benchmark: time to read and build the WBS tree for the real bp6 file (650 lines) and for a
 * generated file of 20,000 issues. Run compiled: `node dist/bench/beads.js [path-to-issues.jsonl]`.
 */
import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildWbsTree } from '../beads/build-tree.js';
import { loadBeads } from '../beads/load-beads.js';
import { toWireTree } from '../beads/wire-tree.js';
import { PACKAGE_ROOT } from '../paths.js';

export interface BeadsBenchFigure {
  name: string;
  lines: number;
  bytes: number;
  liveIssues: number;
  roots: number;
  /** Medians over the measured runs, in milliseconds. */
  readMs: number;
  buildMs: number;
  totalMs: number;
  /** The fastest single run (read + build), less sensitive to other load on the machine. */
  bestTotalMs: number;
  wireJsonMs: number;
  runs: number;
}

const DEFAULT_BP6 = join(PACKAGE_ROOT, '..', 'shared', 'data', 'beads', 'bp6-issues.jsonl');

/** A small seeded generator, so every run measures the same file. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Epics > features > tasks, with parent-child and blocks edges, hash ids and tombstones mixed in. */
export function generateIssues(count: number, seed = 42): string {
  const random = seeded(seed);
  const lines: string[] = [];
  const status = () => {
    const r = random();
    return r < 0.6 ? 'closed' : r < 0.65 ? 'in_progress' : r < 0.67 ? 'tombstone' : 'open';
  };
  const line = (id: string, type: string, deps: Array<[string, string]>) =>
    JSON.stringify({
      id,
      title: `Generated ${type} ${id}`,
      description: 'Generated for the benchmark. '.repeat(1 + Math.floor(random() * 8)),
      acceptance_criteria: '- [ ] it works\n- [ ] it is tested',
      status: status(),
      priority: Math.floor(random() * 5),
      issue_type: type,
      created_at: '2026-02-01T10:00:00Z',
      updated_at: '2026-02-01T10:00:00Z',
      dependencies: deps.map(([target, kind]) => ({ issue_id: id, depends_on_id: target, type: kind, created_at: '2026-02-01T10:00:00Z' })),
    });
  let epic = 0;
  while (lines.length < count) {
    const epicId = `gen-e${epic++}`;
    lines.push(line(epicId, 'epic', []));
    for (let f = 0; f < 10 && lines.length < count; f++) {
      const featureId = `${epicId}.${f + 1}`;
      lines.push(line(featureId, 'feature', [[epicId, 'parent-child']]));
      let previous: string | null = null;
      for (let t = 0; t < 19 && lines.length < count; t++) {
        // One task in four has an unrelated hash id: only the edge says where it belongs.
        const taskId: string = random() < 0.25 ? `gen-${Math.floor(random() * 36 ** 6).toString(36)}x${lines.length}` : `${featureId}.${t + 1}`;
        const deps: Array<[string, string]> = [[featureId, 'parent-child']];
        if (previous && random() < 0.5) deps.push([previous, 'blocks']);
        lines.push(line(taskId, 'task', deps));
        previous = taskId;
      }
    }
  }
  return lines.join('\n') + '\n';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function measure(name: string, projectRoot: string, lines: number, runs: number): Promise<BeadsBenchFigure> {
  const bytes = (await stat(join(projectRoot, '.beads', 'issues.jsonl'))).size;
  const read: number[] = [];
  const build: number[] = [];
  const wire: number[] = [];
  let liveIssues = 0;
  let roots = 0;
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const loaded = await loadBeads(projectRoot, { stableRetries: 0 });
    const t1 = performance.now();
    const tree = buildWbsTree(loaded.issues);
    const t2 = performance.now();
    JSON.stringify(toWireTree(tree));
    const t3 = performance.now();
    // The first two runs warm the JIT and the page cache.
    if (i >= 2) {
      read.push(t1 - t0);
      build.push(t2 - t1);
      wire.push(t3 - t2);
    }
    liveIssues = loaded.issues.length;
    roots = tree.roots.length;
  }
  const readMs = median(read);
  const buildMs = median(build);
  const bestTotalMs = Math.min(...read.map((r, i) => r + (build[i] ?? 0)));
  return { name, lines, bytes, liveIssues, roots, readMs, buildMs, totalMs: readMs + buildMs, bestTotalMs, wireJsonMs: median(wire), runs };
}

export async function runBeadsBench(bp6Path = DEFAULT_BP6): Promise<BeadsBenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'troupe-bench-beads-'));
  try {
    const figures: BeadsBenchFigure[] = [];
    const small = join(dir, 'bp6');
    await mkdir(join(small, '.beads'), { recursive: true });
    try {
      await copyFile(bp6Path, join(small, '.beads', 'issues.jsonl'));
      figures.push(await measure('bp6 (real, 650 lines)', small, 650, 20));
    } catch (error) {
      process.stderr.write(`bench beads: skipping the bp6 file (${(error as Error).message})\n`);
    }
    const big = join(dir, 'generated');
    await mkdir(join(big, '.beads'), { recursive: true });
    await writeFile(join(big, '.beads', 'issues.jsonl'), generateIssues(20_000));
    figures.push(await measure('generated (20,000 issues)', big, 20_000, 10));
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function print(figures: BeadsBenchFigure[]): void {
  const f = (n: number) => n.toFixed(1).padStart(7);
  process.stdout.write('beads: read + build of the WBS tree (median of runs after 2 warm-ups)\n');
  for (const x of figures) {
    process.stdout.write(
      `  ${x.name.padEnd(27)} ${String(x.bytes).padStart(9)} B  live ${String(x.liveIssues).padStart(6)}  roots ${String(x.roots).padStart(5)}` +
        `  read ${f(x.readMs)} ms  build ${f(x.buildMs)} ms  total ${f(x.totalMs)} ms (best ${f(x.bestTotalMs)})  wire+JSON ${f(x.wireJsonMs)} ms  (${x.runs} runs)\n`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  print(await runBeadsBench(process.argv[2]));
}
