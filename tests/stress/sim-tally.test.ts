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

describe('the tally of an agent stopped while its output is backed up', () => {
  it('lists exactly the complete lines that reached the pipe, not those still queued inside it', async () => {
    const child = execa(process.execPath, [SIM_AGENT_SCRIPT, '-p', 'hi', '--output-format', 'stream-json', '--verbose'], {
      env: { ...env(), TROUPE_SIM_CHUNKS: '20000', TROUPE_SIM_CHUNK_BYTES: '300' },
      buffer: false,
      reject: false,
    });
    // Read nothing until the pipe is full and the agent queues lines inside itself.
    child.stdout!.pause();
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (child.stdout!.readableLength >= child.stdout!.readableHighWaterMark) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
    });
    // The pipe behind that buffer is full too by now; a few more writes queue inside the agent.
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGINT');
    const chunks: Buffer[] = [];
    child.stdout!.on('data', (data: Buffer) => chunks.push(data));
    child.stdout!.resume();
    const run = await child;
    expect(run.exitCode).toBe(130);
    const text = Buffer.concat(chunks).toString('utf8');
    const complete = text.slice(0, text.lastIndexOf('\n') + 1);
    const written = await tally();
    expect(written.stamps).toEqual(stampsOf(complete));
    expect(written.lines).toBeGreaterThan(0);
  });
});
