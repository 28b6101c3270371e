import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { distPath } from '../../src/paths.js';
import { parseLogLine } from '../../src/logs/parse-line.js';
import { readLogPage } from '../../src/logs/read-page.js';
import { replayLog } from '../../src/logs/replay.js';
import { SessionLogWriter } from '../../src/logs/writer.js';
import { header, tempProject } from './fixtures.js';

let project: ReturnType<typeof tempProject>;
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

// A process whose worker thread appends chunk records as fast as it can, like a session worker
// under a flood of output. It says "ready" once thousands are written, and is then killed -9.
const CHILD = `
const { Worker } = require('node:worker_threads');
const worker = new Worker(\`
  const { workerData, parentPort } = require('node:worker_threads');
  import(workerData.writerUrl).then(({ SessionLogWriter }) => {
    const writer = SessionLogWriter.create(workerData.path, workerData.header);
    for (let seq = 1; ; seq += 1) {
      writer.append({ type: 'chunk', seq, at: Date.now(), turn: 1, chunk: { kind: 'text', text: 'x'.repeat(seq % 300) + ' ✓', delta: true } });
      if (seq === 5000) parentPort.postMessage('ready');
    }
  });
\`, { eval: true, workerData: JSON.parse(process.argv[1]) });
worker.on('message', () => process.stdout.write('ready\\n'));
`;

describe('a troupe process killed -9 while a session streams', () => {
  it('leaves a log that is valid JSONL up to the kill, and resumable', async () => {
    const path = join(project.root, '.bp6', 'sessions', 'b', 'crash.jsonl');
    const data = { path, header: header(), writerUrl: pathToFileURL(distPath('logs/writer.js')).href };
    const child = spawn(process.execPath, ['-e', CHILD, JSON.stringify(data)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.setEncoding('utf8');
    const [first] = (await once(child.stdout, 'data')) as [string];
    expect(first).toBe('ready\n');
    child.kill('SIGKILL');
    const [, signal] = (await once(child, 'exit')) as [number | null, string | null];
    expect(signal).toBe('SIGKILL');

    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    const last = lines.pop() as string; // '' when the file ends with a newline, else a torn line
    expect(lines.length).toBeGreaterThan(5000);
    const records = lines.map((line) => parseLogLine(line));
    expect(records.every((record) => record !== null)).toBe(true);
    const seqs = records.slice(1).map((record) => (record?.type === 'chunk' ? record.seq : -1));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(last === '' || parseLogLine(last) === null).toBe(true);

    // Readers take it as it is; a resume appends cleanly after it.
    const replay = await replayLog(path, { isLive: () => false });
    expect(replay.interrupted).toBe(true);
    expect(replay.state.session.lastSeq).toBe(seqs.length);
    const writer = SessionLogWriter.reopen(path);
    writer.append({ type: 'resumed', by: 'user', troupePid: process.pid, seq: seqs.length + 1, at: Date.now() });
    writer.close();
    const page = await readLogPage(path, { limit: 2 });
    expect(page.records[0]).toMatchObject({ type: 'resumed', by: 'user', seq: seqs.length + 1 });
    expect(page.records[1]).toMatchObject({ type: 'chunk', seq: seqs.length });
  });
});
