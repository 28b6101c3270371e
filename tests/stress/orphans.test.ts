/** Finding a run's leftover agent processes by the mark in their environment. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leftoverProcesses, markedProcesses } from '../../src/stress/orphans.js';

describe('leftoverProcesses', () => {
  it('finds a live process carrying the mark, and none once it is gone', async () => {
    const mark = randomUUID();
    const child = spawn('sleep', ['30'], { env: { ...process.env, TROUPE_STRESS_RUN: mark }, stdio: 'ignore' });
    await once(child, 'spawn');
    try {
      expect(await markedProcesses('TROUPE_STRESS_RUN', mark)).toEqual([child.pid]);
      expect(await markedProcesses('TROUPE_STRESS_RUN', randomUUID())).toEqual([]);
      expect(await leftoverProcesses('TROUPE_STRESS_RUN', mark, 100)).toEqual([child.pid]);
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    expect(await leftoverProcesses('TROUPE_STRESS_RUN', mark, 100)).toEqual([]);
  });
});
