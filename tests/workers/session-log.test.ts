import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { SequencedChunk } from '../../src/protocol/index.js';
import { parseLogLine } from '../../src/logs/parse-line.js';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';
import { simEnv } from '../helpers/sim-env.js';

let fixture: SupervisorFixture;
afterEach(async () => fixture?.dispose());

function loggedChunkSeqs(path: string): Set<number> {
  const seqs = new Set<number>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const record = line ? parseLogLine(line) : null;
    if (record?.type === 'chunk') seqs.add(record.seq);
  }
  return seqs;
}

describe('the session log, written once per batch', () => {
  it.each([
    ['exits', { workerExitAfterChunks: 300 }],
    ['throws', { workerThrowAfterChunks: 300 }],
  ])('a worker that %s mid-batch under a flood forwarded nothing it had not logged', async (_name, faults) => {
    fixture = await supervisorFixture({ restartPolicy: { restart: 'temporary' } });
    const { supervisor, project } = fixture;
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'flood', faults, env: simEnv(project.simStateDir, { chunks: 5_000 }) });
    const received: SequencedChunk[] = [];
    supervisor.chunks(id).subscribe((chunk) => received.push(chunk));
    const info = await supervisor.whenSettled(id);
    expect(info.status).toBe('failed');
    expect(info.reason).toMatch(/worker thread died/);

    const logged = loggedChunkSeqs(info.logPath!);
    expect(received.length).toBeGreaterThan(0);
    expect(received.filter((chunk) => !logged.has(chunk.seq)).map((chunk) => chunk.seq)).toEqual([]);
    // The flood was cut short: the worker died long before the agent's 5,000 chunks.
    expect(logged.size).toBeLessThan(5_000);
  }, 90_000);
});
