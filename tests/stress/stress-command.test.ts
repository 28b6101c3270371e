/** `troupe stress` as a user runs it: the compiled command in its own process. */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { troupe } from '../helpers/troupe-cli.js';

let stateDir: string;
beforeEach(async () => {
  // Its own registry of agent processes, so no other troupe's are reaped.
  stateDir = await mkdtemp(join(tmpdir(), 'troupe-stress-cli-'));
});
afterEach(async () => rm(stateDir, { recursive: true, force: true }));

describe('troupe stress', () => {
  it('prints one JSON report with nothing lost and nothing left, and exits 0', async () => {
    const run = await troupe(['stress', '--sessions', '3', '--chunks', '6', '--rate', '200', '--turns', '2', '--json'], { TROUPE_STATE_DIR: stateDir });
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ engine: 'troupe', sessions: 3, turns: 6, lost: 0, duplicated: 0, orphans: 0, failed: 0 });
    expect(report.chunksReceived).toBe(report.chunksSent);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['throughput', 'latencyMs', 'loopLagMs', 'peakRssMb', 'rssPerSessionMb']));
  });

  it('prints the summary table without --json', async () => {
    const run = await troupe(['stress', '--sessions', '2', '--chunks', '3', '--rate', '200'], { TROUPE_STATE_DIR: stateDir });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^\s+lost\s+0$/m);
    expect(run.stdout).toMatch(/^\s+orphans\s+0$/m);
    expect(run.stdout).toMatch(/nothing lost, nothing left behind/);
  });

  it('takes --project like every command: the sessions run and log there', async () => {
    const project = join(stateDir, 'project');
    await mkdir(join(project, '.beads'), { recursive: true });
    const run = await troupe(['stress', '--sessions', '2', '--chunks', '3', '--rate', '200', '--json', '--project', project], { TROUPE_STATE_DIR: stateDir });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ sessions: 2, lost: 0, orphans: 0, failed: 0 });
    expect(await readdir(join(project, '.bp6', 'sessions', 'untracked'))).toHaveLength(2);
    const missing = await troupe(['stress', '--sessions', '1', '--project', join(stateDir, 'nope')], { TROUPE_STATE_DIR: stateDir });
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/^troupe: --project ".*nope": .* does not exist$/m);
  });

  it.each([
    [['--sessions', '0'], /--sessions.*expected a whole number >= 1/],
    [['--sessions', '2', '--crash-rate', '1.5'], /--crash-rate must be a number from 0 to 1 \(got 1.5\)/],
    [['--sessions', '2', '--rate', 'fast'], /--rate.*expected a number >= 0/],
  ])('refuses %j with a clear message and exit 1', async (args, message) => {
    const run = await troupe(['stress', ...args], { TROUPE_STATE_DIR: stateDir });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(message);
  });
});
