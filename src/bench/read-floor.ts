/**
 * `node dist/bench/read-floor.js [--pipes 100] [--rate 20] [--seconds 5]`: the floor under troupe's
 * CPU per chunk. The same pipes (one small writer process each, a 200-byte line per tick) are read
 * by threads that do nothing with the bytes: first all on the main thread, then one worker thread
 * per pipe through a Readable, then one per pipe read raw into one buffer, as troupe's sessions
 * read. It prints the CPU of this process per read for each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { readPipe } from '../workers/raw-pipe-reader.js';

const WRITER = `const line = JSON.stringify({ type: 'x', text: 'a'.repeat(180) }) + '\\n';
process.stdout.on('error', () => process.exit(0));
setInterval(() => process.stdout.write(line), 1000 / Number(process.argv[1]));`;

function stopWriter(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  return exited;
}

function startWriter(rate: number, raw: boolean, onRead: () => void): ChildProcess {
  const child = spawn(process.execPath, ['-e', WRITER, String(rate)], { stdio: ['ignore', 'pipe', 'ignore'] });
  if (raw) readPipe(child.stdout!, onRead);
  else child.stdout?.on('data', onRead);
  return child;
}

export interface ReadFloor {
  where: 'main thread' | 'worker per pipe' | 'worker, raw read';
  readsPerSecond: number;
  cpuUsPerRead: number;
}

async function measure(where: ReadFloor['where'], pipes: number, rate: number, seconds: number): Promise<ReadFloor> {
  let reads = 0;
  let started = 0;
  let allStarted!: () => void;
  const ready = new Promise<void>((resolve) => (allStarted = resolve));
  const onStarted = () => (started += 1) === pipes && allStarted();
  const children: ChildProcess[] = [];
  const workers: Worker[] = [];
  const workersStopped: Promise<unknown>[] = [];
  for (let i = 0; i < pipes; i += 1) {
    if (where === 'main thread') {
      let first = true;
      children.push(startWriter(rate, false, () => ((reads += 1), first && ((first = false), onStarted()))));
    } else {
      const worker = new Worker(new URL(import.meta.url), { workerData: { rate, raw: where === 'worker, raw read' } });
      workersStopped.push(new Promise((resolve) => {
        worker.on('message', (message: number | 'started' | 'stopped') => {
          if (message === 'started') onStarted();
          else if (message === 'stopped') resolve(undefined);
          else reads += message;
        });
        // A worker that died cannot say it stopped: its end is enough.
        worker.once('exit', resolve);
      }));
      workers.push(worker);
    }
  }
  // Every writer reads (a hundred Node processes take seconds to start on two cores), and then the
  // reads reach 90% of the rate written: a hundred new threads stay slow for seconds after that.
  await ready;
  for (let waited = 0; waited < 30; waited += 1) {
    const before = reads;
    await sleep(1_000);
    if (reads - before >= 0.9 * pipes * rate) break;
  }
  const readsBefore = reads;
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  await sleep(seconds * 1000);
  const cpu = process.cpuUsage(cpuBefore);
  const wallSec = (performance.now() - startedAt) / 1000;
  const counted = reads - readsBefore;
  // Every writer is gone before the next measure, and before this process exits.
  await Promise.all(children.map(stopWriter));
  for (const worker of workers) worker.postMessage('stop');
  await Promise.all(workersStopped);
  await Promise.all(workers.map((worker) => worker.terminate()));
  return { where, readsPerSecond: counted / wallSec, cpuUsPerRead: (cpu.user + cpu.system) / Math.max(1, counted) };
}

if (!isMainThread) {
  // A worker's own pipe: it counts reads and reports once a second, so the report costs nothing per read.
  let count = 0;
  const { rate, raw } = workerData as { rate: number; raw: boolean };
  const child = startWriter(rate, raw, () => (count += 1) === 1 && parentPort?.postMessage('started'));
  setInterval(() => {
    parentPort?.postMessage(count);
    count = 0;
  }, 1000).unref();
  parentPort?.on('message', (message) => {
    if (message === 'stop') void stopWriter(child).then(() => parentPort?.postMessage('stopped'));
  });
  process.on('exit', () => child.kill('SIGKILL'));
} else {
  const option = (name: string, fallback: number) => {
    const at = process.argv.indexOf(name);
    const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
    if (!Number.isFinite(value) || value <= 0) throw new Error(`read-floor: ${name} needs a positive number`);
    return value;
  };
  const pipes = option('--pipes', 100);
  const rate = option('--rate', 20);
  const seconds = option('--seconds', 5);
  const main = await measure('main thread', pipes, rate, seconds);
  const workers = await measure('worker per pipe', pipes, rate, seconds);
  const raw = await measure('worker, raw read', pipes, rate, seconds);
  for (const row of [main, workers, raw]) {
    process.stdout.write(`${row.where.padEnd(16)} ${pipes} pipes at ${rate}/s: ${row.readsPerSecond.toFixed(0)} reads/s, ${row.cpuUsPerRead.toFixed(1)} µs CPU per read\n`);
  }
  process.stdout.write(`a read in its own worker thread costs ${(workers.cpuUsPerRead / main.cpuUsPerRead).toFixed(1)}x one on the main thread, before any parsing, log or message\n`);
  process.stdout.write(`read raw into one buffer (as sessions do), ${(raw.cpuUsPerRead / main.cpuUsPerRead).toFixed(1)}x\n`);
  process.exit(0);
}
