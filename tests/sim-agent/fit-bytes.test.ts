/** fitToBytes: exact UTF-8 sizes, linear in the size (a 7 MB chunk from the real sim agent). */
import { describe, expect, it } from 'vitest';
import { fitToBytes } from '../../src/sim-agent/fit-bytes.js';
import { collect, startSim, STREAM_FLAGS, tempDirs, textBlocks } from './run-sim.js';

describe('fitToBytes', () => {
  it('pads with the filler, cuts at a character boundary and fills the rest with spaces', () => {
    const grown = fitToBytes('ab', 9, () => 'xyz');
    expect(grown).toBe('abxyzxyzx');
    const cut = fitToBytes('aé', 2, () => '');
    expect(cut).toBe('a ');
    expect(Buffer.byteLength(cut)).toBe(2);
  });

  it('the real sim agent writes a 7 MB chunk (it used to copy the text once per filler sentence)', async () => {
    const dirs = tempDirs();
    const child = startSim(['-p', 'Write a lot', ...STREAM_FLAGS, '--sim-chunks', '1', '--sim-tools', '0'], {
      env: { TROUPE_SIM_STATE_DIR: dirs.stateDir, TROUPE_SIM_CHUNK_BYTES: '7000000' },
      cwd: dirs.cwd,
    });
    // A generous limit for a loaded machine; the quadratic version produced nothing in 50 s.
    const limit = setTimeout(() => child.kill('SIGKILL'), 25_000);
    try {
      const result = await collect(child);
      expect(result.signal).toBeNull();
      expect(result.code).toBe(0);
      expect(textBlocks(result.events).map((text) => Buffer.byteLength(text))).toEqual([7_000_000]);
    } finally {
      clearTimeout(limit);
      dirs.cleanup();
    }
  }, 30_000);
});
