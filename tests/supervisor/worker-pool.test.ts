/** Threads of ended sessions are given back: the pool shrinks to its warm threads soon after. */
import type { Piscina } from 'piscina';
import { afterEach, describe, expect, it } from 'vitest';
import { simEnv } from '../helpers/sim-env.js';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';

let fixture: SupervisorFixture | undefined;
afterEach(async () => fixture?.dispose());

describe('the session worker pool', () => {
  it('releases the idle threads of terminated sessions down to the warm ones, within seconds', async () => {
    fixture = await supervisorFixture({ warmThreads: 1, maxSessions: 16 });
    const { supervisor, project } = fixture;
    const pool = (supervisor as unknown as { pool: Piscina }).pool;
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, n) => supervisor.start({ backend: 'sim', persona: 'specialist', prompt: `p${n}`, env: simEnv(project.simStateDir, { chunks: 1 }) })),
    );
    for (const id of ids) expect(await supervisor.whenSettled(id)).toMatchObject({ status: 'idle' });
    expect(pool.threads.length).toBeGreaterThanOrEqual(6);

    const destroyed = new Promise<void>((resolve) => {
      // piscina emits workerDestroy before it forgets the thread: count once it has.
      const onDestroy = () =>
        setImmediate(() => {
          if (pool.threads.length > 1) return;
          pool.off('workerDestroy', onDestroy);
          resolve();
        });
      pool.on('workerDestroy', onDestroy);
    });
    await Promise.all(ids.map((id) => supervisor.terminate(id)));
    // A generous limit for a loaded machine (the pool keeps idle threads 5 s); it used to keep them 60 s.
    const limit = new Promise<'kept'>((resolve) => setTimeout(() => resolve('kept'), 30_000).unref());
    expect(await Promise.race([destroyed.then(() => 'released' as const), limit])).toBe('released');
    expect(pool.threads.length).toBe(1);
  }, 60_000);
});
