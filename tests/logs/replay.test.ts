import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replayLog, replaySession } from '../../src/logs/replay.js';
import type { LogRecord } from '../../src/logs/records.js';
import { chunk, event, footer, header, jsonl, tempProject, text } from './fixtures.js';

let project: ReturnType<typeof tempProject>;
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

const alive = () => true;
const dead = () => false;

function write(records: LogRecord[], extra = ''): string {
  const path = join(project.root, 'a.jsonl');
  writeFileSync(path, jsonl(records) + extra);
  return path;
}

const twoTurns: LogRecord[] = [
  header(),
  event({ type: 'user', turn: 1, text: 'build it', source: 'person' }, 1_700_000_000_100),
  event({ type: 'spawn', pid: 1234, turn: 1, attempt: 0 }, 1_700_000_000_200),
  event({ type: 'cli-session', cliSessionId: 'cli-abc' }, 1_700_000_000_300),
  chunk(1, { kind: 'session', cliSessionId: 'cli-abc', model: 'sim-2' }),
  text(1, 'working'),
  chunk(1, { kind: 'usage', scope: 'process', inputTokens: 100, outputTokens: 10, costUsd: 0.02 }),
  chunk(1, { kind: 'usage', scope: 'process', inputTokens: 150, outputTokens: 30, costUsd: 0.05 }),
  chunk(1, { kind: 'done', ok: true }),
  event({ type: 'turn-done', turn: 1 }, 1_700_000_001_500),
  event({ type: 'exit', pid: 1234, code: 1, signal: null, abnormal: true, fatal: false, reason: 'exit code 1' }, 1_700_000_001_600),
  event({ type: 'restart-scheduled', attempt: 1, delayMs: 500, reason: 'exit code 1' }, 1_700_000_001_700),
  event({ type: 'user', turn: 2, text: 'again', source: 'troupe' }, 1_700_000_002_000),
  event({ type: 'spawn', pid: 1240, turn: 2, attempt: 1 }, 1_700_000_002_100),
  chunk(2, { kind: 'usage', scope: 'process', inputTokens: 40, outputTokens: 5, costUsd: 0.03 }),
  chunk(2, { kind: 'usage', scope: 'turn', inputTokens: 1, outputTokens: 1, costUsd: 0.001 }),
];

describe('replaySession', () => {
  it('rebuilds the SessionInfo of a live session', async () => {
    const path = write(twoTurns);
    const info = await replaySession(path, { isLive: alive });
    expect(info).toMatchObject({
      sessionId: header().sessionId,
      cliSessionId: 'cli-abc',
      beadId: 'bp6-07y.1',
      persona: 'specialist',
      backendId: 'sim',
      model: 'sim-2',
      status: 'running',
      createdAt: header().startedAt,
      turns: 2,
      restarts: 1,
      lastTurnOk: true,
      pid: 1240,
      logPath: path,
    });
    // Per-process running totals: the first process reached 150/30/0.05, the second 40/5/0.03, plus a turn figure.
    expect(info.totals.inputTokens).toBe(191);
    expect(info.totals.outputTokens).toBe(36);
    expect(info.totals.costUsd).toBeCloseTo(0.081, 10);
    expect(info.lastActivity).toBeGreaterThanOrEqual(1_700_000_002_100);
  });

  it('marks a session without footer whose troupe is gone as interrupted (stopped)', async () => {
    const path = write(twoTurns);
    const result = await replayLog(path, { isLive: dead });
    expect(result.interrupted).toBe(true);
    expect(result.info.status).toBe('stopped');
    expect(result.info.reason).toMatch(/^interrupted: troupe \(pid \d+\) ended/);
    expect(result.info.pid).toBeUndefined();
    expect(result.state.session.lastSeq).toBeGreaterThan(0);
  });

  it('takes the footer as final: totals, status and reason', async () => {
    const path = write([...twoTurns, event({ type: 'stopped', reason: 'failed', detail: 'too many restarts' }, 1_700_000_003_000), footer({ reason: 'failed', detail: 'too many restarts', totals: { turns: 2, inputTokens: 500, outputTokens: 50, costUsd: 0.5, restarts: 3 } })]);
    const info = await replaySession(path, { isLive: dead });
    expect(info).toMatchObject({ status: 'failed', reason: 'too many restarts', restarts: 3, turns: 2 });
    expect(info.totals).toEqual({ inputTokens: 500, outputTokens: 50, costUsd: 0.5 });
    expect(info.pid).toBeUndefined();
  });

  it('understands a resume after the footer: the session is live again', async () => {
    const path = write([
      ...twoTurns,
      footer(),
      event({ type: 'resumed', by: 'user', troupePid: 99 }, 1_700_000_010_000),
      event({ type: 'user', turn: 3, text: 'more', source: 'person' }, 1_700_000_010_100),
    ]);
    const seen: unknown[] = [];
    const result = await replayLog(path, { isLive: (owner) => (seen.push(owner), true) });
    expect(result.state.ended).toBe(false);
    expect(result.info.status).toBe('running');
    expect(result.info.turns).toBe(3);
    expect(seen).toEqual([{ troupePid: 99, troupeStartTime: undefined }]);
  });

  it('shows restarting while a restart is pending', async () => {
    const path = write(twoTurns.slice(0, 12));
    expect(await replaySession(path, { isLive: alive })).toMatchObject({
      status: 'restarting',
      restart: { attempt: 1, delayMs: 500, reason: 'exit code 1' },
      reason: 'exit code 1',
    });
  });

  it('skips a torn last line', async () => {
    const path = write(twoTurns.slice(0, 6), '{"type":"chunk","chunk":{"kind":"text","te');
    const result = await replayLog(path, { isLive: alive });
    expect(result.skipped).toBe(1);
    expect(result.state.records).toBe(6);
  });

  it('refuses a file that is not a session log', async () => {
    const path = join(project.root, 'other.jsonl');
    writeFileSync(path, '{"hello":1}\n');
    await expect(replaySession(path)).rejects.toMatchObject({ code: 'LOG_CORRUPT' });
    writeFileSync(path, jsonl([text(1, 'no header')]));
    await expect(replaySession(path)).rejects.toThrow(/does not start with a header/);
    await expect(replaySession(join(project.root, 'none.jsonl'))).rejects.toMatchObject({ code: 'LOG_NOT_FOUND' });
  });
});
