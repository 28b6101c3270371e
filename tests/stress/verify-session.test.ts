/** The loss check itself: fabricated logs, tallies and receipts with known faults must be caught. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionReceipts } from '../../src/stress/ledger.js';
import { verifySession } from '../../src/stress/verify-session.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'troupe-verify-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const chunk = (seq: number, emittedAt?: number) => JSON.stringify({ type: 'chunk', seq, at: 1, turn: 1, chunk: { kind: 'text', text: 'x', delta: false }, emittedAt });

async function writeLog(lines: string[]): Promise<string> {
  const path = join(dir, 'session.jsonl');
  await writeFile(path, [JSON.stringify({ type: 'header', sessionId: 's' }), ...lines].join('\n') + '\n');
  return path;
}

async function writeTally(pid: number, stamps: number[]): Promise<string> {
  const tallyDir = join(dir, 'tally');
  await mkdir(tallyDir, { recursive: true });
  await writeFile(join(tallyDir, `${pid}-1.json`), JSON.stringify({ pid, startedAt: 1, lines: stamps.length, stamps }));
  return tallyDir;
}

function receipts(seqs: number[], duplicates = 0): SessionReceipts {
  return { seqs: new Set(seqs), duplicates, maxSeq: Math.max(0, ...seqs), received: seqs.length + duplicates, lastTurn: 1, streaming: true };
}

describe('verifySession', () => {
  it('finds nothing wrong when the log, the tally and the receipts agree', async () => {
    const log = await writeLog([JSON.stringify({ type: 'spawn', pid: 7, turn: 1, attempt: 0, at: 1 }), chunk(1, 10.5), chunk(2, 11.25), chunk(3, 11.25)]);
    const tally = await writeTally(7, [10.5, 11.25]);
    const verdict = await verifySession('s', log, tally, receipts([1, 2, 3]));
    expect(verdict).toMatchObject({ linesSent: 2, chunksSent: 3, chunksLogged: 3, lost: 0, duplicated: 0, untallied: 0, problems: [] });
  });

  it('counts a seq missing from the log, one never received, and a line that never became a chunk', async () => {
    const log = await writeLog([chunk(1, 10), chunk(2, 11), chunk(4, 13)]);
    const tally = await writeTally(8, [10, 11, 12, 13, 14]);
    const verdict = await verifySession('s', log, tally, receipts([1, 3, 4]));
    // seq 2 not received, seq 3 not logged, stamps 12 and 14 never logged.
    expect(verdict.lost).toBe(4);
    expect(verdict.chunksSent).toBe(6);
    expect(verdict.problems.join('\n')).toMatch(/never logged/);
    expect(verdict.problems.join('\n')).toMatch(/never received/);
  });

  it('counts a lost tail: the last chunks neither logged nor received, known only from the tally', async () => {
    const log = await writeLog([chunk(1, 10), chunk(2, 11)]);
    const tally = await writeTally(9, [10, 11, 12]);
    const verdict = await verifySession('s', log, tally, receipts([1, 2]));
    expect(verdict.lost).toBe(1);
  });

  it('counts duplicates received and logged, and agent processes that left no tally', async () => {
    const log = await writeLog([JSON.stringify({ type: 'spawn', pid: 5, turn: 1, attempt: 0, at: 1 }), chunk(1), chunk(1)]);
    const verdict = await verifySession('s', log, join(dir, 'no-tallies'), receipts([1], 2));
    expect(verdict.duplicated).toBe(3);
    expect(verdict.untallied).toBe(1);
    expect(verdict.lost).toBe(0);
  });

  it('reports a missing log instead of throwing', async () => {
    const verdict = await verifySession('s', join(dir, 'gone.jsonl'), join(dir, 'none'), receipts([1]));
    expect(verdict.lost).toBe(1);
    expect(verdict.problems[0]).toMatch(/cannot read its log/);
  });
});
