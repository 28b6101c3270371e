import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { readLogPage } from '../../src/logs/read-page.js';
import { readLinesBackward } from '../../src/logs/lines-backward.js';
import { readLinesForward } from '../../src/logs/lines-forward.js';
import type { LogRecord } from '../../src/logs/records.js';
import { header, jsonl, tempProject, text } from './fixtures.js';

let project: ReturnType<typeof tempProject>;
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

/** Records of mixed sizes, some far larger than the 64-byte blocks used below, with multibyte text. */
function mixedRecords(count: number): LogRecord[] {
  const records: LogRecord[] = [header()];
  for (let i = 1; i < count; i += 1) {
    const size = i % 7 === 0 ? 700 : i % 3 === 0 ? 90 : 5;
    records.push(text(1, `${i}:${'é🎭x'.repeat(size)}`));
  }
  return records;
}

async function allPages(path: string, limit: number, blockSize: number): Promise<LogRecord[][]> {
  const pages: LogRecord[][] = [];
  let before: number | undefined;
  for (;;) {
    const page = await readLogPage(path, { limit, before, blockSize });
    pages.push(page.records);
    if (page.nextBefore === null) return pages;
    expect(page.nextBefore).toBeLessThan(before ?? Number.POSITIVE_INFINITY);
    before = page.nextBefore;
  }
}

describe('readLogPage', () => {
  it('returns the last N records first, newest first', async () => {
    const path = join(project.root, 'a.jsonl');
    const records = mixedRecords(30);
    writeFileSync(path, jsonl(records));
    const page = await readLogPage(path, { limit: 5 });
    expect(page.records).toEqual(records.slice(-5).reverse());
    expect(page.nextBefore).toBeGreaterThan(0);
    expect(page.skipped).toBe(0);
  });

  it('pages back to the header across block boundaries, with records larger than a block', async () => {
    const path = join(project.root, 'a.jsonl');
    const records = mixedRecords(60);
    writeFileSync(path, jsonl(records));
    for (const [limit, blockSize] of [[7, 64], [1, 64], [13, 1000], [60, 17], [100, 4096]] as const) {
      const pages = await allPages(path, limit, blockSize);
      expect(pages.flat()).toEqual([...records].reverse());
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
    }
  });

  it('passes over a torn last line', async () => {
    const path = join(project.root, 'a.jsonl');
    const records = mixedRecords(10);
    writeFileSync(path, `${jsonl(records)}{"type":"chunk","chunk":{"kind":"te`);
    const page = await readLogPage(path, { limit: 3, blockSize: 64 });
    expect(page.records).toEqual(records.slice(-3).reverse());
    expect(page.skipped).toBe(1);
  });

  it('passes over damaged and foreign lines in the middle', async () => {
    const path = join(project.root, 'a.jsonl');
    writeFileSync(path, jsonl([header()]));
    appendFileSync(path, 'not json\n\n{"type":"mystery"}\n[1,2]\n');
    appendFileSync(path, jsonl([text(1, 'after')]));
    const page = await readLogPage(path, { limit: 10 });
    expect(page.records.map((record) => record.type)).toEqual(['chunk', 'header']);
    expect(page.skipped).toBe(3);
    expect(page.nextBefore).toBeNull();
  });

  it('gives clear errors for a missing log and a bad page size or cursor', async () => {
    await expect(readLogPage(join(project.root, 'none.jsonl'), { limit: 1 })).rejects.toMatchObject({ code: 'LOG_NOT_FOUND' });
    await expect(readLogPage(join(project.root, 'none.jsonl'), { limit: 0 })).rejects.toThrow(/Invalid page size/);
    await expect(readLogPage(join(project.root, 'none.jsonl'), { limit: 1, before: -4 })).rejects.toThrow(/Invalid cursor/);
  });

  it('returns nothing for an empty log', async () => {
    const path = join(project.root, 'a.jsonl');
    writeFileSync(path, '');
    expect(await readLogPage(path, { limit: 5 })).toEqual({ records: [], nextBefore: null, skipped: 0, truncated: new Map() });
  });
});

describe('readLogPage within byte budgets', () => {
  const bytesOf = (records: readonly LogRecord[]) => records.reduce((sum, record) => sum + Buffer.byteLength(JSON.stringify(record)) + 1, 0);

  it('ends a page before its records pass maxBytes, and pages on from there to the header', async () => {
    const path = join(project.root, 'a.jsonl');
    const records: LogRecord[] = [header()];
    for (let i = 0; i < 20; i += 1) records.push(text(1, `${i}:${'w'.repeat(10_000)}`));
    writeFileSync(path, jsonl(records));
    const pages: LogRecord[][] = [];
    let before: number | undefined;
    do {
      const page = await readLogPage(path, { limit: 1000, before, maxBytes: 35_000 });
      expect(bytesOf(page.records)).toBeLessThanOrEqual(35_000);
      expect(page.records.length).toBeGreaterThan(0);
      pages.push(page.records);
      before = page.nextBefore ?? undefined;
    } while (before !== undefined);
    expect(pages.flat()).toEqual([...records].reverse());
    expect(pages.length).toBeGreaterThanOrEqual(6);
  });

  it('cuts a record longer than maxRecordBytes to fit, keeps its other fields, and marks its full size', async () => {
    const path = join(project.root, 'a.jsonl');
    const big = text(2, `start ${'🎭é"x\\n'.repeat(40_000)} end`);
    const records = [header(), text(1, 'small'), big, text(2, 'after')];
    writeFileSync(path, jsonl(records));
    const page = await readLogPage(path, { limit: 10, maxRecordBytes: 4096 });
    expect(page.records).toHaveLength(4);
    const cut = page.records[1] as Extract<LogRecord, { type: 'chunk' }>;
    const original = big as Extract<LogRecord, { type: 'chunk' }>;
    expect(Buffer.byteLength(JSON.stringify(cut))).toBeLessThanOrEqual(4096);
    expect(cut).toMatchObject({ seq: original.seq, turn: 2, at: original.at });
    expect(cut.chunk).toMatchObject({ kind: 'text', delta: true });
    const cutText = cut.chunk.kind === 'text' ? cut.chunk.text : '';
    expect(cutText.startsWith('start 🎭')).toBe(true);
    expect(cutText.endsWith('…')).toBe(true);
    expect(cutText.length).toBeGreaterThan(500);
    expect(page.truncated).toEqual(new Map([[1, { bytes: Buffer.byteLength(JSON.stringify(big)) }]]));
    // The small ones come whole.
    expect(page.records[0]).toEqual(records[3]);
    expect(page.records[2]).toEqual(records[1]);
  });

  it.each([64, 4096, 1 << 16])('passes over a line longer than maxLineBytes without keeping it (blocks of %i bytes)', async (blockSize) => {
    const path = join(project.root, 'a.jsonl');
    const huge = text(1, 'h'.repeat(300_000));
    const records = [header(), text(1, 'before'), huge, text(1, 'after')];
    writeFileSync(path, jsonl(records));
    const page = await readLogPage(path, { limit: 10, blockSize, maxLineBytes: 100_000 });
    const hugeBytes = Buffer.byteLength(JSON.stringify(huge));
    expect(page.records.map((record) => record.type)).toEqual(['chunk', 'log-error', 'chunk', 'header']);
    expect(page.records[1]).toMatchObject({
      type: 'log-error',
      message: `a record of ${hugeBytes} bytes is too large to read here (limit 100000 bytes)`,
    });
    expect(page.truncated).toEqual(new Map([[1, { bytes: hugeBytes }]]));
    expect(page.records[2]).toEqual(records[1]);
  });

  it('ends a page once maxScanBytes of lines were read', async () => {
    const path = join(project.root, 'a.jsonl');
    const records: LogRecord[] = [header()];
    for (let i = 0; i < 10; i += 1) records.push(text(1, 'z'.repeat(100_000)));
    writeFileSync(path, jsonl(records));
    const page = await readLogPage(path, { limit: 1000, maxRecordBytes: 1000, maxScanBytes: 250_000 });
    expect(page.records).toHaveLength(3);
    expect(page.truncated.size).toBe(3);
    expect(page.nextBefore).toBeGreaterThan(0);
  });
});

describe('line readers', () => {
  it('agree forwards and backwards, offsets included, for any block size', async () => {
    const path = join(project.root, 'a.jsonl');
    const content = ['', 'α', 'ab'.repeat(50), '', '🎭🎭', 'z'.repeat(3), 'no newline at end'].join('\n');
    writeFileSync(path, content);
    for (const blockSize of [1, 2, 3, 5, 64, 1 << 16]) {
      const forward = [];
      for await (const line of readLinesForward(path, { blockSize })) forward.push(line);
      const handle = await open(path, 'r');
      const backward = [];
      const size = (await handle.stat()).size;
      for await (const line of readLinesBackward(handle, size, blockSize)) backward.push(line);
      await handle.close();
      const nonEmpty = forward.filter((line) => line.text.length > 0);
      expect(backward.reverse()).toEqual(nonEmpty);
      expect(nonEmpty.map((line) => line.text)).toEqual(['α', 'ab'.repeat(50), '🎭🎭', 'zzz', 'no newline at end']);
      expect(nonEmpty.at(-1)?.terminated).toBe(false);
      for (const line of nonEmpty) {
        expect(Buffer.from(content).subarray(line.offset, line.next).toString()).toMatch(new RegExp(`^${line.text}\\n?$`));
      }
    }
  });
});
