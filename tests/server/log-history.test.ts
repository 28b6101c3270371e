import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHistory } from '../../src/server/log-history.js';
import type { SessionInfo } from '../../src/protocol/session.js';
import type { LogRecord } from '../../src/logs/records.js';
import { MAX_HISTORY_ENTRY_BYTES, MAX_HISTORY_PAGE_BYTES, type HistoryEvent } from '../../src/protocol/wire.js';
import { chunk, event, header, jsonl, tempProject, text } from '../logs/fixtures.js';

const project = tempProject();
afterAll(() => project.remove());

function sessionWithLog(name: string, prompt: string | undefined): SessionInfo {
  const dir = join(project.root, 'logs');
  mkdirSync(dir, { recursive: true });
  const logPath = join(dir, `${name}.jsonl`);
  const spec = prompt === undefined ? undefined : { prompt };
  writeFileSync(
    logPath,
    jsonl([
      header({ spec }),
      // A schema 1 record: no seq, no source; the person's words are in the header's spec.
      { type: 'user', turn: 1, text: `You are the specialist on bead bp6-1.\n\nTask: ${prompt ?? 'implement'}`, at: 1 } as unknown as LogRecord,
      text(1, 'one '),
      text(1, 'two '),
      text(1, 'three'),
    ]),
  );
  return { sessionId: name, status: 'idle', logPath } as SessionInfo;
}

describe('readHistory of a schema 1 log', () => {
  it('marks the built first prompt with the person own words when the header is in the page', async () => {
    const info = sessionWithLog('whole', 'Fix the checkout total');
    const page = await readHistory(info, { limit: 50 });
    expect(page.events.find((e) => e.type === 'user')).toMatchObject({ source: 'template', own: 'Fix the checkout total' });
  });

  it('still does when a page boundary falls between the header and the first prompt', async () => {
    const info = sessionWithLog('split', 'Fix the checkout total');
    const page = await readHistory(info, { limit: 4 });
    expect(page.nextBefore).toBeDefined();
    expect(page.events.find((e) => e.type === 'user')).toMatchObject({ source: 'template', own: 'Fix the checkout total' });
  });

  it('marks it generated without own words when the person gave none', async () => {
    const info = sessionWithLog('bare', undefined);
    const page = await readHistory(info, { limit: 4 });
    const user = page.events.find((e) => e.type === 'user');
    expect(user).toMatchObject({ source: 'template' });
    expect(user).not.toHaveProperty('own');
  });

  it('places its unnumbered events right after the chunk logged before them', async () => {
    const info = sessionWithLog('order', 'x');
    const page = await readHistory(info, { limit: 50 });
    const inOrder = [...page.events].reverse();
    const seqs = inOrder.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(inOrder[0]?.type).toBe('user');
  });
});

describe('readHistory', () => {
  it('returns the events newest first, with the first prompt as logged', async () => {
    const logPath = join(project.root, 'logs', 'new.jsonl');
    const records = [
      header(),
      event({ type: 'user', turn: 1, text: 'built prompt', source: 'template', own: 'my words' }),
      text(1, 'hi'),
      event({ type: 'turn-done', turn: 1 }),
    ];
    writeFileSync(logPath, jsonl([...records, { type: 'footer', reason: 'user', endedAt: 9, totals: { turns: 1, inputTokens: 0, outputTokens: 0, costUsd: 0, restarts: 0 } }]));
    const page = await readHistory({ sessionId: 'n', status: 'stopped', logPath } as SessionInfo, { limit: 50 });
    expect(page.events).toEqual(records.slice(1).reverse());
  });
});

describe('readHistory on a log of huge records', () => {
  const TOOL_OUTPUT = 3 * 1024 * 1024;
  const RECORDS = 8;

  function hugeSession(): SessionInfo {
    const logPath = join(project.root, 'huge.jsonl');
    const records: LogRecord[] = [header(), event({ type: 'user', turn: 1, text: 'go', source: 'person' }, 1)];
    for (let i = 0; i < RECORDS; i += 1) {
      records.push(chunk(1, { kind: 'tool_result', toolId: `t${i}`, output: `${i}:${'o'.repeat(TOOL_OUTPUT)}`, isError: false }));
    }
    writeFileSync(logPath, jsonl(records));
    return { sessionId: 'huge', status: 'idle', logPath } as SessionInfo;
  }

  it('keeps every page within its byte budget, cuts each huge record with a mark of its full size, and pages to the start', async () => {
    const info = hugeSession();
    const events: HistoryEvent[] = [];
    let before: number | undefined;
    let largest = 0;
    do {
      const page = await readHistory(info, { limit: 1000, before });
      largest = Math.max(largest, Buffer.byteLength(JSON.stringify(page)));
      events.push(...page.events);
      before = page.nextBefore;
    } while (before !== undefined);
    expect(largest).toBeLessThanOrEqual(MAX_HISTORY_PAGE_BYTES + 4096);
    const results = events.filter((e) => e.type === 'chunk');
    expect(results.map((e) => (e.type === 'chunk' && e.chunk.kind === 'tool_result' ? e.chunk.toolId : ''))).toEqual(
      Array.from({ length: RECORDS }, (_, i) => `t${RECORDS - 1 - i}`),
    );
    for (const e of results) {
      expect(e.truncated?.bytes).toBeGreaterThan(TOOL_OUTPUT);
      expect(Buffer.byteLength(JSON.stringify(e))).toBeLessThanOrEqual(MAX_HISTORY_ENTRY_BYTES + 256);
      const output = e.type === 'chunk' && e.chunk.kind === 'tool_result' ? e.chunk.output : '';
      expect(output).toMatch(/^\d:o+…$/);
    }
    expect(events.at(-1)).toMatchObject({ type: 'user', text: 'go' });
    expect(events.at(-1)).not.toHaveProperty('truncated');
  });
});
