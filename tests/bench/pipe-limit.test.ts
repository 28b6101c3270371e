import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureAgentBytes, readThroughPipes } from '../../src/bench/pipe-limit.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'troupe-pipe-limit-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('the pipe limit', () => {
  it('captures a real agent turn and reads every line of every copy through the pipes', async () => {
    const path = await captureAgentBytes(dir, 50, 100);
    const text = await readFile(path, 'utf8');
    const lines = text.split('\n').filter(Boolean);
    expect(lines.length).toBe(52); // init, 50 chunks, result
    expect(lines.every((line) => typeof (JSON.parse(line) as { ts?: unknown }).ts === 'number')).toBe(true);
    const figures = await readThroughPipes(path, 3, 2);
    expect(figures.lines).toBe(3 * 2 * 52);
    expect(figures.bytes).toBe(3 * 2 * Buffer.byteLength(text));
    expect(figures.linesPerSecond).toBeGreaterThan(0);
  });
});
