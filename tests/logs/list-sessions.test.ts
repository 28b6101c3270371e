import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { findInterruptedSessions, listSessions } from '../../src/logs/list-sessions.js';
import { findSessionLog } from '../../src/logs/log-files.js';
import { sessionLogPath } from '../../src/logs/paths.js';
import { readProcessIdentity, selfIdentity } from '../../src/process/proc-info.js';
import type { LogHeader, LogRecord } from '../../src/logs/records.js';
import { event, footer, header, jsonl, tempProject, text } from './fixtures.js';

let project: ReturnType<typeof tempProject>;
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

const self = { troupePid: process.pid, troupeStartTime: selfIdentity().startTime };

function writeLog(overrides: Partial<LogHeader>, rest: LogRecord[], extra = ''): string {
  const head = header(overrides);
  const path = sessionLogPath(project.root, head.beadId, head.sessionId, head.startedAt);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, jsonl([head, ...rest]) + extra);
  return path;
}

/** A real process that then exits: its pid and start time describe a troupe that is gone. */
async function goneProcess(): Promise<{ troupePid: number; troupeStartTime: string }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await once(child, 'spawn');
  const identity = readProcessIdentity(child.pid as number);
  if (!identity) throw new Error('child not in /proc');
  child.kill('SIGKILL');
  await once(child, 'exit');
  return { troupePid: identity.pid, troupeStartTime: identity.startTime };
}

const turn1: LogRecord[] = [
  event({ type: 'user', turn: 1, text: 'go', source: 'person' }, 1_700_000_000_500),
  event({ type: 'cli-session', cliSessionId: 'cli-1' }, 1_700_000_000_600),
  text(1, 'done'),
  event({ type: 'turn-done', turn: 1 }, 1_700_000_002_000),
];

describe('listSessions', () => {
  it('tells running, ended and interrupted sessions apart, by the owning troupe process', async () => {
    const gone = await goneProcess();
    writeLog({ sessionId: 'aaaa1111', startedAt: 1_000, ...self }, turn1);
    writeLog({ sessionId: 'bbbb2222', startedAt: 2_000, ...self }, [...turn1, footer({ reason: 'user' })]);
    writeLog({ sessionId: 'cccc3333', startedAt: 3_000, beadId: undefined, ...gone }, turn1);
    // The same pid with another start time is a reused pid, not the owner.
    writeLog({ sessionId: 'dddd4444', startedAt: 4_000, troupePid: process.pid, troupeStartTime: '1' }, turn1);

    const sessions = await listSessions(project.root);
    expect(sessions.map((s) => [s.id, s.status, s.resumable])).toEqual([
      ['dddd4444', 'interrupted', true],
      ['cccc3333', 'interrupted', true],
      ['bbbb2222', 'ended', true], // resume continues an ended session too
      ['aaaa1111', 'running', false],
    ]);
    const running = sessions[3];
    expect(running).toMatchObject({
      beadId: 'bp6-07y.1',
      persona: 'specialist',
      backend: 'sim',
      model: 'sim-1',
      turns: 1,
      restarts: 0,
      cliSessionId: 'cli-1',
      lastActivity: 1_700_000_002_000,
      complete: true,
    });
    expect(sessions[2]?.reason).toBe('stopped by user');
    expect(sessions[1]?.beadId).toBeUndefined();
    expect(sessions[1]?.logPath).toContain('/untracked/cccc3333-');
    expect(sessions[1]?.reason).toContain(`pid ${gone.troupePid}`);

    const interrupted = await findInterruptedSessions(project.root);
    expect(interrupted.map((s) => s.id)).toEqual(['dddd4444', 'cccc3333']);
  });

  it('reads status from the last footer versus the records after it (resume appends)', async () => {
    const gone = await goneProcess();
    const resumed: LogRecord[] = [...turn1, footer(), event({ type: 'resumed', by: 'user', ...self }, 1_700_000_020_000), text(2, 'again')];
    writeLog({ sessionId: 'e1', ...gone }, resumed);
    writeLog({ sessionId: 'e2', ...gone }, [...resumed, footer({ reason: 'done', totals: { turns: 2, inputTokens: 0, outputTokens: 0, costUsd: 0, restarts: 2 } })]);
    writeLog({ sessionId: 'e3', ...self }, [...turn1, footer(), event({ type: 'resumed', by: 'worker-replaced', ...gone }, 1_700_000_020_000), text(2, 'x')]);
    const byId = new Map((await listSessions(project.root)).map((s) => [s.id, s]));
    expect(byId.get('e1')).toMatchObject({ status: 'running', turns: 2 });
    expect(byId.get('e2')).toMatchObject({ status: 'ended', reason: 'ended', turns: 2, restarts: 2 });
    expect(byId.get('e3')).toMatchObject({ status: 'interrupted', owner: gone });
  });

  it('uses an injected liveness check', async () => {
    writeLog({ sessionId: 'f1' }, turn1);
    const seen: number[] = [];
    const sessions = await listSessions(project.root, { isLive: (owner) => (seen.push(owner.troupePid), false) });
    expect(sessions[0]?.status).toBe('interrupted');
    expect(seen).toEqual([process.pid]);
  });

  it('reads only the head and tail of a large log', async () => {
    const many: LogRecord[] = [];
    for (let i = 0; i < 400; i += 1) many.push(text(1 + Math.floor(i / 100), `chunk ${i} ${'x'.repeat(100)}`));
    writeLog({ sessionId: 'g1', ...self }, [
      event({ type: 'cli-session', cliSessionId: 'cli-early' }, 1),
      ...many,
      event({ type: 'restart-scheduled', attempt: 2, delayMs: 10, reason: 'crash' }, 2),
      text(5, 'last'),
    ]);
    const [session] = await listSessions(project.root, { headBytes: 2048, tailBytes: 4096, blockSize: 512 });
    expect(session).toMatchObject({ complete: false, cliSessionId: 'cli-early', turns: 5, restarts: 2, status: 'running' });
    expect(session?.sizeBytes).toBeGreaterThan(40_000);
  });

  it('leaves out, and reports, logs that are not session logs; an empty project lists nothing', async () => {
    expect(await listSessions(project.root)).toEqual([]);
    const good = writeLog({ sessionId: 'h1', ...self }, turn1, '{"type":"chunk","ch');
    const bad = good.replace('h1-', 'h2-');
    writeFileSync(bad, 'garbage\n');
    const empty = good.replace('h1-', 'h3-');
    writeFileSync(empty, '');
    const problems: string[] = [];
    const sessions = await listSessions(project.root, { onProblem: (path, message) => problems.push(`${path}: ${message}`) });
    expect(sessions.map((s) => s.id)).toEqual(['h1']);
    expect(problems.sort()).toEqual([
      `${bad}: Session log ${bad} does not start with a header record.`,
      `${empty}: Session log ${empty} is empty.`,
    ]);
  });
});

describe('findSessionLog', () => {
  it('finds a log by id or unambiguous prefix, with clear errors otherwise', async () => {
    const a = writeLog({ sessionId: '3f6c1a52-aaaa' }, turn1);
    writeLog({ sessionId: '3f6c1a52-bbbb', beadId: 'other' }, turn1);
    expect(await findSessionLog(project.root, '3f6c1a52-aaaa')).toBe(a);
    expect(await findSessionLog(project.root, '3f6c1a52-a')).toBe(a);
    await expect(findSessionLog(project.root, '3f6c')).rejects.toThrow(/matches 2 sessions/);
    await expect(findSessionLog(project.root, 'zzz')).rejects.toMatchObject({ code: 'LOG_NOT_FOUND' });
    await expect(findSessionLog(project.root, ' ')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
