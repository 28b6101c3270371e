import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHistory } from '../../src/server/log-history.js';
import type { SessionInfo } from '../../src/protocol/session.js';
import { MAX_HISTORY_ENTRY_BYTES, MAX_HISTORY_PAGE_BYTES, type HistoryEntry } from '../../src/protocol/wire.js';
import { chunk, header, jsonl, tempProject, text } from '../logs/fixtures.js';

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
      { type: 'user', turn: 1, text: `You are the specialist on bead bp6-1.\n\nTask: ${prompt ?? 'implement'}`, at: 1 },
      text(1, 'one '),
      text(1, 'two '),
      text(1, 'three'),
    ]),
  );
  return { sessionId: name, status: 'idle', logPath } as SessionInfo;
}

describe('readHistory', () => {
  it('marks the built first prompt with the person own words when the header is in the page', async () => {
    const info = sessionWithLog('whole', 'Fix the checkout total');
    const page = await readHistory(info, { limit: 50 });
    expect(page.entries.find((e) => e.k === 'user')).toMatchObject({ generated: true, own: 'Fix the checkout total' });
  });

  it('still does when a page boundary falls between the header and the first prompt', async () => {
    const info = sessionWithLog('split', 'Fix the checkout total');
    const page = await readHistory(info, { limit: 4 });
    expect(page.nextBefore).toBeDefined();
    expect(page.entries.find((e) => e.k === 'user')).toMatchObject({ generated: true, own: 'Fix the checkout total' });
  });

  it('marks it generated without own words when the person gave none', async () => {
    const info = sessionWithLog('bare', undefined);
    const page = await readHistory(info, { limit: 4 });
    const user = page.entries.find((e) => e.k === 'user');
    expect(user).toMatchObject({ generated: true });
    expect(user).not.toHaveProperty('own');
  });
});

describe('readHistory on a log of huge records', () => {
  const TOOL_OUTPUT = 3 * 1024 * 1024;
  const RECORDS = 8;

  function hugeSession(): SessionInfo {
    const logPath = join(project.root, 'huge.jsonl');
    const records = [header(), { type: 'user' as const, turn: 1, text: 'go', at: 1 }];
    for (let i = 0; i < RECORDS; i += 1) {
      records.push(chunk(1, { kind: 'tool_result', toolId: `t${i}`, output: `${i}:${'o'.repeat(TOOL_OUTPUT)}`, isError: false }));
    }
    writeFileSync(logPath, jsonl(records));
    return { sessionId: 'huge', status: 'idle', logPath } as SessionInfo;
  }

  it('keeps every page within its byte budget, cuts each huge record with a mark of its full size, and pages to the start', async () => {
    const info = hugeSession();
    const entries: HistoryEntry[] = [];
    let before: number | undefined;
    let largest = 0;
    do {
      const page = await readHistory(info, { limit: 1000, before });
      largest = Math.max(largest, Buffer.byteLength(JSON.stringify(page)));
      entries.push(...page.entries);
      before = page.nextBefore;
    } while (before !== undefined);
    expect(largest).toBeLessThanOrEqual(MAX_HISTORY_PAGE_BYTES + 4096);
    const results = entries.filter((entry) => entry.k === 'chunk');
    expect(results.map((entry) => (entry.k === 'chunk' && entry.chunk.kind === 'tool_result' ? entry.chunk.toolId : ''))).toEqual(
      Array.from({ length: RECORDS }, (_, i) => `t${RECORDS - 1 - i}`),
    );
    for (const entry of results) {
      expect(entry.truncated?.bytes).toBeGreaterThan(TOOL_OUTPUT);
      expect(Buffer.byteLength(JSON.stringify(entry))).toBeLessThanOrEqual(MAX_HISTORY_ENTRY_BYTES + 256);
      const output = entry.k === 'chunk' && entry.chunk.kind === 'tool_result' ? entry.chunk.output : '';
      expect(output).toMatch(/^\d:o+…$/);
    }
    expect(entries.at(-1)).toMatchObject({ k: 'user', text: 'go' });
    expect(entries.at(-1)).not.toHaveProperty('truncated');
  });
});
