/**
 * Benchmark: the session log.
 * 1. Per-record write cost in a worker thread appending chunk records at a steady 10,000 per
 *    second through SessionLogWriter (synchronous writes, as the session worker does).
 * 2. A generated 200 MB log among 20 small ones: `listSessions`, one `readLogPage` from the end,
 *    paging back, `findSessionLog`, and a full `replaySession` for comparison. Each is run in a
 *    fresh process so its peak RSS is its own.
 * Run compiled after `npm run build:node`: `node dist/bench/logs.js [--mb 200] [--rate 10000] [--seconds 5] [--dir /tmp]`.
 * The big log was just written, so reads come from the page cache (warm-cache figures).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { findSessionLog } from '../logs/log-files.js';
import { listSessions } from '../logs/list-sessions.js';
import { sessionLogPath } from '../logs/paths.js';
import { readLogPage } from '../logs/read-page.js';
import type { LogHeader, LogRecord } from '../logs/records.js';
import { replaySession } from '../logs/replay.js';
import { SessionLogWriter } from '../logs/writer.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { AgentChunk } from '../protocol/chunks.js';
import type { SessionEventBody } from '../protocol/session-events.js';

export interface LogsBenchOptions {
  /** Size of the big log, MB. */
  mb: number;
  /** Records per second written by the worker. */
  rate: number;
  seconds: number;
  dir: string;
}

export interface WriteCostFigures {
  records: number;
  achievedPerSecond: number;
  bytesPerRecord: number;
  /** Microseconds per append (JSON.stringify + writeSync), over all records. */
  micros: { mean: number; p50: number; p99: number; p999: number; max: number };
  /** Share of the worker thread's time spent busy (event loop utilization) at this rate. */
  workerBusy: number;
}

export interface ReadFigure {
  op: string;
  /** First run in a fresh process, then the median of the next runs. */
  firstMs: number;
  medianMs: number;
  peakRssMb: number;
  detail: string;
}

export interface LogsBenchFigures {
  write: WriteCostFigures;
  bigLogBytes: number;
  bigLogRecords: number;
  generateMs: number;
  baselineRssMb: number;
  reads: ReadFigure[];
}

const BIG_SESSION_ID = 'b16b16b1-0000-4000-8000-000000000200';
const HEADER_AT = Date.UTC(2026, 10, 20, 12, 0, 0);

function header(sessionId: string, startedAt: number, pid: number): LogHeader {
  return {
    type: 'header',
    schema: 2,
    sessionId,
    beadId: 'bp6-07y.1',
    persona: 'specialist',
    backend: 'claude',
    model: 'claude-sonnet',
    cwd: '/home/dev/shop',
    startedAt,
    troupeVersion: '0.1.0',
    // A pid that cannot be alive, so the listing takes the "interrupted" path after a liveness check.
    troupePid: pid,
    troupeStartTime: '1',
  };
}

const WORDS = 'the quick agent reads the failing test then edits the parser and runs the suite again until it passes'.split(' ');

/** The i-th record of a realistic stream: mostly text deltas, some tool calls and results. */
export function benchRecord(i: number, turn: number, at: number, seq = i + 1): LogRecord {
  let chunk: AgentChunk;
  if (i % 40 === 17) {
    chunk = { kind: 'tool_use', toolId: `toolu_${seq}`, name: 'Bash', input: { command: `npm test -- --grep "case ${seq}"`, description: 'Run the focused tests' } };
  } else if (i % 40 === 18) {
    chunk = { kind: 'tool_result', toolId: `toolu_${i}`, output: `PASS tests/parser.test.ts (${seq} ms)\n  ✓ parses ${WORDS.join(' ')}\n`.repeat(2), isError: false };
  } else {
    const start = i % WORDS.length;
    chunk = { kind: 'text', text: ` ${WORDS.slice(start, start + 1 + (i % 9)).join(' ')}`, delta: true };
  }
  return { type: 'chunk', seq, at, turn, chunk };
}

// --- 1. write cost, inside a worker thread ---------------------------------------------------

interface WriterTask {
  role: 'write';
  path: string;
  rate: number;
  seconds: number;
}

async function writerThread(task: WriterTask): Promise<WriteCostFigures> {
  const writer = SessionLogWriter.create(task.path, header('00000000-0000-4000-8000-000000000001', Date.now(), process.pid));
  const total = Math.round(task.rate * task.seconds);
  const micros = new Float64Array(total);
  const elu0 = performance.eventLoopUtilization();
  const started = performance.now();
  let written = 0;
  while (written < total) {
    // Pace: write the records due by now, then yield to the event loop until the next timer.
    const due = Math.min(total, Math.floor(((performance.now() - started) * task.rate) / 1000));
    for (; written < due; written += 1) {
      const record = benchRecord(written, 1 + Math.floor(written / 5000), Date.now());
      const t0 = performance.now();
      writer.append(record);
      micros[written] = (performance.now() - t0) * 1000;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const elapsed = performance.now() - started;
  const elu = performance.eventLoopUtilization(elu0);
  writer.close();
  const { size } = statSync(task.path);
  const sorted = Float64Array.from(micros).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    records: total,
    achievedPerSecond: Math.round((total / elapsed) * 1000),
    bytesPerRecord: Math.round(size / total),
    micros: { mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: at(1) },
    workerBusy: elu.utilization,
  };
}

async function measureWriteCost(dir: string, rate: number, seconds: number): Promise<WriteCostFigures> {
  const task: WriterTask = { role: 'write', path: join(dir, 'write-cost', 'session.jsonl'), rate, seconds };
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: task });
  const [figures] = (await once(worker, 'message')) as [WriteCostFigures];
  await once(worker, 'exit');
  return figures;
}

// --- 2. the big log --------------------------------------------------------------------------

/** Writes a log of about `bytes` bytes with many turns and no footer; returns its record count. */
export function generateBigLog(path: string, bytes: number): number {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  try {
    let size = 0;
    let records = 0;
    let batch: string[] = [];
    let batchBytes = 0;
    let seq = 0;
    const add = (record: LogRecord | SessionEventBody): void => {
      const numbered = record.type === 'header' || record.type === 'footer' ? record : { ...record, seq: ++seq, at };
      const line = `${JSON.stringify(numbered)}\n`;
      batch.push(line);
      batchBytes += Buffer.byteLength(line);
      records += 1;
    };
    const flush = (): void => {
      size += writeSync(fd, batch.join(''));
      batch = [];
      batchBytes = 0;
    };
    add(header(BIG_SESSION_ID, HEADER_AT, 2 ** 22 + 1));
    let at = HEADER_AT;
    let turn = 0;
    // Stop before the record that would pass the asked size (records are far smaller than the margin).
    for (let i = 0; size + batchBytes + 1024 < bytes; i += 1) {
      if (i % 2000 === 0) {
        turn += 1;
        add({ type: 'user', turn, text: `Turn ${turn}: fix the next failing case and run the tests.`, source: 'person' });
        add({ type: 'spawn', pid: 10_000 + turn, turn, attempt: 0 });
        if (turn === 1) add({ type: 'chunk', turn, chunk: { kind: 'session', cliSessionId: '62dad100-916d-49cc-b87f-9494f9166e5d' } });
        if (turn % 50 === 0) add({ type: 'restart-scheduled', attempt: 1, delayMs: 500, reason: 'exit code 1' });
      }
      at += 1;
      const { seq: _seq, at: _at, ...chunk } = benchRecord(i, turn, at) as Extract<LogRecord, { type: 'chunk' }>;
      add(chunk);
      if (i % 2000 === 1999) add({ type: 'turn-done', turn });
      if (batchBytes > 1 << 20) flush();
    }
    flush();
    return records;
  } finally {
    closeSync(fd);
  }
}

async function writeSmallLogs(root: string, count: number): Promise<void> {
  for (let n = 0; n < count; n += 1) {
    const sessionId = `5a11a11a-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const startedAt = HEADER_AT + n * 60_000;
    const path = sessionLogPath(root, `bp6-${n}`, sessionId, startedAt);
    await mkdir(dirname(path), { recursive: true });
    const lines: LogRecord[] = [header(sessionId, startedAt, 2 ** 22 + 1), { type: 'user', turn: 1, text: 'hello', source: 'person', seq: 1, at: startedAt }];
    for (let i = 0; i < 200; i += 1) lines.push(benchRecord(i, 1, startedAt + i, i + 2));
    lines.push({ type: 'footer', reason: 'user', endedAt: startedAt + 500, totals: { turns: 1, inputTokens: 1, outputTokens: 1, costUsd: 0, restarts: 0 } });
    await writeFile(path, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  }
}

/** Runs one read operation a few times in this (fresh) process; prints its figure as JSON. */
async function measureHere(op: string, root: string, path: string): Promise<void> {
  const dead = () => false;
  const ops: Record<string, () => Promise<string>> = {
    baseline: async () => 'modules loaded',
    list: async () => {
      const sessions = await listSessions(root, { isLive: dead });
      const big = sessions.find((s) => s.id === BIG_SESSION_ID);
      return `${sessions.length} sessions; big log: ${big?.status}, ${big?.turns} turns, cli ${big?.cliSessionId?.slice(0, 8)}`;
    },
    tail: async () => {
      const page = await readLogPage(path, { limit: 50 });
      return `${page.records.length} records, cursor ${page.nextBefore}`;
    },
    page100: async () => {
      let before: number | undefined;
      let records = 0;
      for (let i = 0; i < 100; i += 1) {
        const page = await readLogPage(path, { limit: 50, before });
        records += page.records.length;
        if (page.nextBefore === null) break;
        before = page.nextBefore;
      }
      return `${records} records in 100 pages of 50`;
    },
    find: async () => (await findSessionLog(root, BIG_SESSION_ID.slice(0, 8))).slice(-40),
    replay: async () => {
      const info = await replaySession(path, { isLive: dead });
      return `${info.turns} turns, ${info.restarts} restarts`;
    },
  };
  const run = ops[op];
  if (!run) throw new Error(`unknown op ${op}`);
  const runs = op === 'replay' ? 2 : op === 'baseline' ? 1 : 5;
  const times: number[] = [];
  let detail = '';
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    detail = await run();
    times.push(performance.now() - t0);
  }
  const rest = times.slice(1).sort((a, b) => a - b);
  const figure: ReadFigure = {
    op,
    firstMs: times[0] ?? 0,
    medianMs: rest.length > 0 ? (rest[Math.floor(rest.length / 2)] ?? 0) : (times[0] ?? 0),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    detail,
  };
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

async function measureInChild(op: string, root: string, path: string): Promise<ReadFigure> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--measure', op, root, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`measuring ${op} failed (exit ${code})`);
  return JSON.parse(out) as ReadFigure;
}

export async function runLogsBench(options: LogsBenchOptions): Promise<LogsBenchFigures> {
  const dir = await mkdtemp(join(options.dir, 'troupe-bench-logs-'));
  try {
    const write = await measureWriteCost(dir, options.rate, options.seconds);
    const root = join(dir, 'project');
    await writeSmallLogs(root, 20);
    const path = sessionLogPath(root, 'bp6-07y.1', BIG_SESSION_ID, HEADER_AT);
    const t0 = performance.now();
    const bigLogRecords = generateBigLog(path, options.mb * 1024 * 1024);
    const generateMs = performance.now() - t0;
    const reads: ReadFigure[] = [];
    for (const op of ['baseline', 'list', 'tail', 'page100', 'find', 'replay']) reads.push(await measureInChild(op, root, path));
    const baseline = reads.shift() as ReadFigure;
    return { write, bigLogBytes: statSync(path).size, bigLogRecords, generateMs, baselineRssMb: baseline.peakRssMb, reads };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function print(figures: LogsBenchFigures): void {
  const w = figures.write;
  const f = (n: number, digits = 1) => n.toFixed(digits);
  process.stdout.write(
    `logs: write cost in a worker thread at ${w.achievedPerSecond} records/s (${w.records} records, ${w.bytesPerRecord} B each)\n` +
      `  per append (stringify + writeSync): mean ${f(w.micros.mean, 2)} µs  p50 ${f(w.micros.p50, 2)}  p99 ${f(w.micros.p99, 2)}  p99.9 ${f(w.micros.p999, 2)}  max ${f(w.micros.max, 0)} µs\n` +
      `  worker thread busy ${f(w.workerBusy * 100)} % of the time\n` +
      `logs: big log ${f(figures.bigLogBytes / 1048576)} MB, ${figures.bigLogRecords} records (generated in ${f(figures.generateMs, 0)} ms), plus 20 small logs\n` +
      `  fresh process baseline RSS ${f(figures.baselineRssMb)} MB\n`,
  );
  for (const r of figures.reads) {
    process.stdout.write(`  ${r.op.padEnd(8)} first ${f(r.firstMs).padStart(8)} ms  median ${f(r.medianMs).padStart(8)} ms  peak RSS ${f(r.peakRssMb).padStart(6)} MB  (${r.detail})\n`);
  }
}

function parseArgs(argv: string[]): LogsBenchOptions {
  const options: LogsBenchOptions = { mb: 200, rate: 10_000, seconds: 5, dir: tmpdir() };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1] ?? '';
    if (flag === '--dir') options.dir = value;
    else if (flag === '--mb' || flag === '--rate' || flag === '--seconds') {
      const n = Number(value);
      if (!(n > 0)) throw new Error(`${flag} needs a positive number, got "${value}"`);
      options[flag.slice(2) as 'mb' | 'rate' | 'seconds'] = n;
    } else {
      throw new Error(`unknown option ${flag}; usage: node dist/bench/logs.js [--mb 200] [--rate 10000] [--seconds 5] [--dir <tmp>]`);
    }
  }
  return options;
}

if (!isMainThread && (workerData as WriterTask | undefined)?.role === 'write') {
  parentPort?.postMessage(await writerThread(workerData as WriterTask));
} else if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--measure') {
    await measureHere(argv[1] ?? '', argv[2] ?? '', argv[3] ?? '');
  } else {
    const figures = await runLogsBench(parseArgs(argv));
    print(figures);
    const results = join(PACKAGE_ROOT, 'bench', 'results');
    await mkdir(results, { recursive: true });
    await writeFile(join(results, 'logs.json'), `${JSON.stringify(figures, null, 2)}\n`);
  }
}
