import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { distPath } from '../../src/paths.js';

describe('the read floor benchmark', () => {
  it('reads the same pipes on the main thread, from one worker each, and from one worker each read raw, prints all three, and leaves no writer (figures printed, not asserted)', { timeout: 120_000 }, async () => {
    const run = await execa(process.execPath, [distPath('bench/read-floor.js'), '--pipes', '3', '--rate', '20', '--seconds', '1']);
    const rows = run.stdout.split('\n').filter((line) => / pipes at 20\/s: \d+ reads\/s, [\d.]+ µs CPU per read$/.test(line));
    expect(rows.map((row) => row.split(/ {2,}| 3 pipes/)[0])).toEqual(['main thread', 'worker per pipe', 'worker, raw read']);
    // Every read counted: three writers at 20 lines/s for a second give some reads on each side.
    for (const row of rows) expect(Number(/: (\d+) reads/.exec(row)?.[1])).toBeGreaterThan(0);
    const left = await execa('pgrep', ['-f', "a'.repeat\\(180\\)"], { reject: false });
    expect(left.stdout).toBe('');
  });
});
