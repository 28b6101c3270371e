import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureFolderSync, ensureFolderWithinSync } from '../../src/logs/ensure-folder.js';
import { distPath } from '../../src/paths.js';

let root: string;
afterEach(async () => rm(root, { recursive: true, force: true }));

/** Threads that each create the same deep folder at the same moment, as parallel session workers do. */
function raceThreads(target: string, threads: number, within?: string): Promise<string[]> {
  const shared = new Int32Array(new SharedArrayBuffer(4));
  const source = `
    const { workerData, parentPort } = require('node:worker_threads');
    import(workerData.module).then(({ ensureFolderSync, ensureFolderWithinSync }) => {
      Atomics.wait(workerData.gate, 0, 0);
      try {
        if (workerData.within) ensureFolderWithinSync(workerData.within, workerData.target);
        else ensureFolderSync(workerData.target);
        parentPort.postMessage('ok');
      }
      catch (error) { parentPort.postMessage(String(error.code) + ': ' + error.message); }
    });`;
  const results = Array.from({ length: threads }, () => {
    const worker = new Worker(source, { eval: true, workerData: { module: distPath('logs/ensure-folder.js'), target, within, gate: shared } });
    return new Promise<string>((resolve, reject) => {
      worker.once('message', (message: string) => resolve(message));
      worker.once('error', reject);
    }).finally(() => worker.terminate());
  });
  setTimeout(() => {
    Atomics.store(shared, 0, 1);
    Atomics.notify(shared, 0);
  }, 300);
  return Promise.all(results);
}

describe('ensureFolderSync', () => {
  it('creates every missing level', async () => {
    root = await mkdtemp(join(tmpdir(), 'troupe-folder-'));
    ensureFolderSync(join(root, 'a', 'b', 'c'));
    expect((await stat(join(root, 'a', 'b', 'c'))).isDirectory()).toBe(true);
  });

  it('lets many threads create the same folders at once', async () => {
    root = await mkdtemp(join(tmpdir(), 'troupe-folder-'));
    for (let round = 0; round < 12; round += 1) {
      const results = await raceThreads(join(root, `r${round}`, '.bp6', 'sessions', 'untracked'), 8);
      expect(results).toEqual(Array(8).fill('ok'));
    }
  });

  it('lets many threads create the same folders inside a root at once', async () => {
    root = await mkdtemp(join(tmpdir(), 'troupe-folder-'));
    for (let round = 0; round < 4; round += 1) {
      const results = await raceThreads(join(root, `r${round}`, '.bp6', 'sessions', 'untracked'), 8, root);
      expect(results).toEqual(Array(8).fill('ok'));
    }
  });

  it('refuses a file standing where a folder should be', async () => {
    root = await mkdtemp(join(tmpdir(), 'troupe-folder-'));
    await writeFile(join(root, 'file'), 'x');
    expect(() => ensureFolderSync(join(root, 'file'))).toThrow(/not a folder/);
    expect(() => ensureFolderSync(join(root, 'file', 'sub'))).toThrow();
    expect(() => ensureFolderWithinSync(root, join(root, 'file', 'sub'))).toThrow(/not a folder/);
  });

  it('refuses a path outside the root', async () => {
    root = await mkdtemp(join(tmpdir(), 'troupe-folder-'));
    expect(() => ensureFolderWithinSync(join(root, 'a'), join(root, 'b'))).toThrow(/outside/);
  });
});
