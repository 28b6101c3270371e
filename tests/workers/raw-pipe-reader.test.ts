/** readPipe reads a child's pipe into one reused buffer, and the pipe still ends as a pipe does. */
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { readPipe } from '../../src/workers/raw-pipe-reader.js';

// 4 MB in writes of 1 to 8191 bytes: many reads, lines cut anywhere.
const WRITER = `const { createHash } = require('node:crypto');
const hash = createHash('sha256');
let left = 4 * 1024 * 1024, n = 0;
function next() {
  while (left > 0) {
    const size = Math.min(left, 1 + ((n++ * 7919) % 8191));
    const piece = Buffer.alloc(size, 97 + (n % 26));
    hash.update(piece);
    left -= size;
    if (!process.stdout.write(piece)) return process.stdout.once('drain', next);
  }
  process.stderr.write(hash.digest('hex'));
}
next();`;

describe('readPipe', () => {
  it('takes the raw path on this Node, loses and reorders nothing over many reads, and the subprocess still ends', async () => {
    const child = execa(process.execPath, ['-e', WRITER], { stdout: 'pipe', stderr: 'pipe', buffer: false, reject: false });
    const hash = createHash('sha256');
    let reads = 0;
    let stderr = '';
    expect(readPipe(child.stdout!, (bytes) => ((reads += 1), hash.update(bytes)))).toBe('raw');
    child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(hash.digest('hex')).toBe(stderr);
    expect(reads).toBeGreaterThan(1);
    expect(child.stdout!.readableEnded).toBe(true);
    expect(child.stdout!.destroyed).toBe(true);
  });

  it('ends the subprocess promise when the agent is killed mid-stream', async () => {
    const child = execa(process.execPath, ['-e', 'setInterval(() => process.stdout.write("x\\n"), 5)'], { stdout: 'pipe', buffer: false, reject: false });
    let first!: () => void;
    const reading = new Promise<void>((resolve) => (first = resolve));
    readPipe(child.stdout!, () => first());
    await reading;
    child.kill('SIGKILL');
    expect((await child).signal).toBe('SIGKILL');
  });

  it('ends the read when troupe destroys the pipe first', async () => {
    const child = execa(process.execPath, ['-e', 'setInterval(() => process.stdout.write("x\\n"), 5)'], { stdout: 'pipe', stderr: 'pipe', buffer: { stdout: false, stderr: true }, reject: false });
    let first!: () => void;
    const reading = new Promise<void>((resolve) => (first = resolve));
    readPipe(child.stdout!, () => first());
    await reading;
    child.stdout!.destroy();
    // The writer gets EPIPE once the read end is closed: it dies of it.
    const result = await child;
    expect(result.stderr).toMatch(/EPIPE/);
    expect(result.exitCode).toBe(1);
  });

  it('reads a stream that has no pipe handle as a stream', () => {
    const stream = new PassThrough();
    const seen: string[] = [];
    expect(readPipe(stream, (bytes) => seen.push(bytes.toString()))).toBe('stream');
    stream.write('a\n');
    expect(seen).toEqual(['a\n']);
  });
});
