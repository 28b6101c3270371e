/** The supervisor's end of a worker: what the worker posted before its task ended or its thread failed is all handed over. */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Piscina } from 'piscina';
import type { SessionEvent } from '../../src/protocol/index.js';
import type { ResolvedSessionSpec, WorkerDataBatch } from '../../src/protocol/worker-messages.js';
import { Supervisor } from '../../src/supervisor/supervisor.js';
import { WorkerLink } from '../../src/supervisor/worker-link.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';

const pool = new Piscina({ filename: new URL('../fixtures/post-then-end-worker.mjs', import.meta.url).href, minThreads: 1, maxThreads: 2 });
afterAll(() => pool.destroy());
let project: TempProject | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

function blockUntil(done: () => boolean, ms = 20_000): void {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}

const lineOf = (event: SessionEvent) => (event.type === 'stderr' ? event.line : event.type);

describe('WorkerLink', () => {
  it('hands over every batch a worker posted before its task ended, the end marker last, without waiting for them', async () => {
    const batches: WorkerDataBatch[] = [];
    const link = new WorkerLink(pool, { sessionId: 'link-end', prompt: 'end' } as ResolvedSessionSpec, undefined, (batch) => batches.push(batch));
    const outcome = await link.outcome;
    // What the supervisor does at once when it learns of the outcome, before any wait.
    link.drain();
    link.close();
    expect(outcome).toEqual({ ended: true, reason: 'done' });
    const events = batches.flatMap((batch) => batch.events);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(batches.at(-1)?.end).toMatchObject({ reason: 'done' });
  });

  it('the supervisor folds every event a worker posted before its thread died, before it notes the death', async () => {
    project = await tempProject();
    const supervisor = new Supervisor({
      projectRoot: project.root,
      childRegistryDir: project.childRegistryDir,
      restartPolicy: { restart: 'temporary' },
      launchWorker: (spec, resume, onBatch) => {
        const posted = new Int32Array(new SharedArrayBuffer(4));
        const link = new WorkerLink(pool, { ...spec, prompt: 'die', posted: posted.buffer } as ResolvedSessionSpec, resume, onBatch);
        // A busy main thread (a loaded machine): by the time it looks at its ports again the worker
        // has posted everything and died, so its death and its batches wait side by side.
        blockUntil(() => Atomics.load(posted, 0) === 1);
        blockUntil(() => false, 200);
        return link;
      },
    });
    try {
      const seen: string[] = [];
      const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'die' });
      supervisor.sessionEvents(id).subscribe((event) => seen.push(lineOf(event)));
      expect(await supervisor.whenSettled(id)).toMatchObject({ status: 'failed' });
      const died = seen.indexOf('worker-died');
      expect(died, seen.join(', ')).toBe(500);
      expect(seen.slice(0, 3)).toEqual(['line 1', 'line 2', 'line 3']);
      expect(seen[499]).toBe('line 500');
    } finally {
      await supervisor.shutdown();
    }
  });
});
