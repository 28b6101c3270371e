import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTroupeError, type TroupeError } from '../../src/errors/troupe-error.js';
import { SessionLogWriter } from '../../src/logs/writer.js';
import { parseLogLine } from '../../src/logs/parse-line.js';
import type { LogRecord } from '../../src/logs/records.js';
import { event, footer, header, tempProject, text } from './fixtures.js';

let project: ReturnType<typeof tempProject>;
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

function caught(action: () => unknown): TroupeError {
  try {
    action();
  } catch (error) {
    if (isTroupeError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').slice(0, -1);
}

describe('SessionLogWriter', () => {
  it('writes header, records and footer, one JSON object per line, and reads back the same', () => {
    const path = join(project.root, '.bp6', 'sessions', 'bp6-1', 'a-2026.jsonl');
    const records: LogRecord[] = [
      event({ type: 'user', turn: 1, text: 'hello\nworld \u2028 "quoted"', source: 'person' }, 1),
      text(1, 'héllo 🎭'),
      event({ type: 'stderr', line: 'warn: x' }, 2),
      event({ type: 'spawn', pid: 42, turn: 1, attempt: 0 }, 3),
      event({ type: 'exit', pid: 42, code: null, signal: 'SIGKILL', abnormal: true, fatal: false, reason: 'killed' }, 4),
    ];
    const writer = SessionLogWriter.create(path, header());
    for (const record of records) writer.append(record);
    writer.close(footer());
    writer.close(footer()); // a second close does nothing

    const written = lines(path);
    expect(written).toHaveLength(records.length + 2);
    expect(written.map((line) => parseLogLine(line))).toEqual([header(), ...records, footer()]);
    expect(writer.recordsWritten).toBe(records.length + 2);
    expect(writer.broken).toBe(false);
  });

  it('never overwrites an existing log', () => {
    const path = join(project.root, 'x.jsonl');
    writeFileSync(path, 'precious\n');
    const error = caught(() => SessionLogWriter.create(path, header()));
    expect(error.code).toBe('LOG_WRITE_FAILED');
    expect(error.message).toContain('EEXIST');
    expect(readFileSync(path, 'utf8')).toBe('precious\n');
  });

  it('reopens a log to append, sealing a torn last line first', () => {
    const path = join(project.root, 'x.jsonl');
    writeFileSync(path, `${JSON.stringify(header())}\n{"type":"chunk","chu`);
    const writer = SessionLogWriter.reopen(path);
    const resumed = event({ type: 'resumed', by: 'user', troupePid: 7 }, 5);
    writer.append(resumed);
    writer.close();
    const written = lines(path);
    expect(written).toHaveLength(3);
    expect(written[1]).toBe('{"type":"chunk","chu');
    expect(parseLogLine(written[2] as string)).toEqual(resumed);
  });

  it('refuses to reopen a log that is not there', () => {
    const error = caught(() => SessionLogWriter.reopen(join(project.root, 'missing.jsonl')));
    expect(error.code).toBe('LOG_WRITE_FAILED');
    expect(error.message).toMatch(/missing\.jsonl: folder or file missing.*ENOENT/);
  });

  it('reports a full disk as LOG_WRITE_FAILED and stays broken', () => {
    const writer = SessionLogWriter.reopen('/dev/full');
    const error = caught(() => writer.append(text(1, 'lost')));
    expect(error.code).toBe('LOG_WRITE_FAILED');
    expect(error.message).toBe('cannot write session log /dev/full: disk full (ENOSPC)');
    expect(error.details).toMatchObject({ path: '/dev/full', code: 'ENOSPC' });
    expect(writer.broken).toBe(true);
    expect(caught(() => writer.append(text(1, 'also lost')))).toBe(error);
    // Closing a broken writer does not throw again: the failure was already reported.
    expect(() => writer.close(footer())).not.toThrow();
  });

  it('fails clearly when the sessions folder is a file (unwritable even for root)', () => {
    mkdirSync(join(project.root, '.bp6'));
    writeFileSync(join(project.root, '.bp6', 'sessions'), 'not a folder');
    const path = join(project.root, '.bp6', 'sessions', 'bp6-1', 'a.jsonl');
    const error = caught(() => SessionLogWriter.create(path, header()));
    expect(error.code).toBe('LOG_WRITE_FAILED');
    expect(error.message).toContain(`cannot create session log ${path}`);
    expect(error.message).toContain('(ENOTDIR)');
  });

  it('fails clearly, without hanging, where no folder can be made (/proc)', () => {
    const error = caught(() => SessionLogWriter.create('/proc/1/troupe-sessions/b/a.jsonl', header()));
    expect(error.code).toBe('LOG_WRITE_FAILED');
    expect(error.message).toMatch(/^cannot create session log \/proc\/1\/troupe-sessions\/b\/a\.jsonl: .*\(E[A-Z]+\)$/);
  });

  it('notices that the log folder was removed instead of writing into the void', () => {
    const folder = join(project.root, '.bp6', 'sessions', 'bp6-1');
    const path = join(folder, 'a.jsonl');
    const writer = SessionLogWriter.create(path, header(), { checkIntervalMs: 0 });
    writer.append(text(1, 'kept'));
    rmSync(folder, { recursive: true });
    const error = caught(() => writer.append(text(1, 'would vanish')));
    expect(error.code).toBe('LOG_WRITE_FAILED');
    expect(error.message).toContain('was deleted');
    expect(writer.broken).toBe(true);
    writer.close(footer());
    expect(existsSync(path)).toBe(false);
  });

  it('checks for removal only as often as asked', () => {
    let now = 0;
    const folder = join(project.root, 'f');
    const writer = SessionLogWriter.create(join(folder, 'a.jsonl'), header(), { checkIntervalMs: 1000, now: () => now });
    rmSync(folder, { recursive: true });
    writer.append(text(1, 'within the interval'));
    now = 1000;
    expect(caught(() => writer.append(text(1, 'checked'))).message).toContain('was deleted');
  });

  it('refuses to write after close', () => {
    const writer = SessionLogWriter.create(join(project.root, 'a.jsonl'), header());
    writer.close();
    expect(caught(() => writer.append(text(1, 'late'))).message).toContain('already closed');
  });

  it('queues records and writes them in one flush, in order, before the footer on close', () => {
    const path = join(project.root, 'batched.jsonl');
    const [one, two, three] = [text(1, 'one'), text(2, 'two'), text(3, 'three')];
    const writer = SessionLogWriter.create(path, header());
    writer.queue(one);
    writer.queue(two);
    expect(writer.pending).toBe(2);
    expect(lines(path)).toHaveLength(1); // the header only: nothing queued is on disk yet
    writer.flush();
    expect(writer.pending).toBe(0);
    expect(lines(path).map((line) => parseLogLine(line))).toEqual([header(), one, two]);
    writer.queue(three);
    writer.close(footer());
    expect(lines(path).map((line) => parseLogLine(line))).toEqual([header(), one, two, three, footer()]);
    expect(writer.recordsWritten).toBe(5);
  });

  it('a batch that cannot be written breaks the writer and counts nothing of it as written', () => {
    const writer = SessionLogWriter.reopen('/dev/full');
    writer.queue(text(1, 'lost'));
    writer.queue(text(2, 'lost too'));
    const error = caught(() => writer.flush());
    expect(error.message).toBe('cannot write session log /dev/full: disk full (ENOSPC)');
    expect(writer.recordsWritten).toBe(0);
    expect(writer.broken).toBe(true);
    expect(caught(() => writer.queue(text(3, 'refused')))).toBe(error);
  });

  it('refuses a record it cannot serialize at once, and queues nothing of it', () => {
    const path = join(project.root, 'cyclic.jsonl');
    const writer = SessionLogWriter.create(path, header());
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const error = caught(() => writer.queue({ ...text(1, 'x'), chunk: cyclic } as unknown as LogRecord));
    expect(error.message).toMatch(/a chunk record cannot be serialized/);
    expect(writer.pending).toBe(0);
    expect(writer.broken).toBe(true);
  });
});
