/** The simulated agent's tally-dir knob, which stress runs count loss with. */
import { execa } from 'execa';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIM_AGENT_SCRIPT } from '../../src/paths.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'troupe-sim-tally-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

function stampsOf(stdout: string): number[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { ts: number }).ts);
}

async function tally(): Promise<{ pid: number; lines: number; stamps: number[] }> {
  const names = await readdir(join(dir, 'tally'));
  expect(names).toHaveLength(1);
  return JSON.parse(await readFile(join(dir, 'tally', names[0]!), 'utf8')) as { pid: number; lines: number; stamps: number[] };
}

const env = () => ({ TROUPE_SIM_STATE_DIR: join(dir, 'state'), TROUPE_SIM_TALLY_DIR: join(dir, 'tally'), TROUPE_SIM_DELAY_MS: '0', TROUPE_SIM_CHUNKS: '5' });

describe('the tally-dir knob of the simulated agent', () => {
  it('lists the ts of every line it wrote, in order, in one file named by its pid', async () => {
    const child = execa(process.execPath, [SIM_AGENT_SCRIPT, '-p', 'hi', '--output-format', 'stream-json', '--verbose'], { env: env() });
    const run = await child;
    const written = await tally();
    expect(written.pid).toBe(child.pid);
    expect(written.stamps).toEqual(stampsOf(run.stdout));
    expect(written.lines).toBe(written.stamps.length);
    expect(written.lines).toBeGreaterThan(5);
  });

  it('writes its tally when a crash knob ends it with an exit code', async () => {
    const run = await execa(process.execPath, [SIM_AGENT_SCRIPT, '-p', 'hi', '--output-format', 'stream-json', '--verbose'], {
      env: { ...env(), TROUPE_SIM_CRASH_AFTER: '2' },
      reject: false,
    });
    expect(run.exitCode).toBe(1);
    expect((await tally()).stamps).toEqual(stampsOf(run.stdout));
  });

  it('writes no tally when the knob is unset', async () => {
    await execa(process.execPath, [SIM_AGENT_SCRIPT, '-p', 'hi', '--output-format', 'stream-json', '--verbose'], {
      env: { TROUPE_SIM_STATE_DIR: join(dir, 'state'), TROUPE_SIM_DELAY_MS: '0' },
    });
    await expect(readdir(join(dir, 'tally'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
