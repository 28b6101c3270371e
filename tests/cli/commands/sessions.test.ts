import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ago, formatSessionsTable, runSessionsCommand } from '../../../src/cli/commands/sessions.js';
import { sessionLogPath } from '../../../src/logs/paths.js';
import type { LogHeader, LogRecord } from '../../../src/logs/records.js';
import { selfIdentity } from '../../../src/process/proc-info.js';
import { event, footer, header, jsonl, tempProject, text } from '../../logs/fixtures.js';

let project: ReturnType<typeof tempProject>;
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

const self = { troupePid: process.pid, troupeStartTime: selfIdentity().startTime };
const gone = { troupePid: process.pid, troupeStartTime: 'not-this-process' };

function writeLog(overrides: Partial<LogHeader>, rest: LogRecord[]): void {
  const head = header(overrides);
  const path = sessionLogPath(project.root, head.beadId, head.sessionId, head.startedAt);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, jsonl([head, ...rest]));
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), now: () => 1_700_000_062_000 } };
}

const turn: LogRecord[] = [event({ type: 'user', turn: 1, text: 'go', source: 'person' }, 1_700_000_000_500), text(1, 'ok')];

describe('troupe sessions', () => {
  beforeEach(() => {
    writeLog({ sessionId: 'aaaaaaaa-1111', startedAt: 1_700_000_000_000, ...self }, turn);
    writeLog({ sessionId: 'bbbbbbbb-2222', startedAt: 1_700_000_000_001, ...self, beadId: undefined }, [...turn, footer()]);
    writeLog({ sessionId: 'cccccccc-3333', startedAt: 1_700_000_000_002, ...gone, persona: 'qa-engineer' }, turn);
  });

  it('shows the recent sessions in every state, each in the words the dashboard uses', async () => {
    const { out, err, io: commandIo } = io();
    await runSessionsCommand({ project: project.root }, commandIo);
    const lines = out.join('').split('\n');
    expect(lines[0]).toMatch(/^ID\s+BEAD\s+PERSONA\s+BACKEND\s+STATUS\s+STARTED\s+LAST ACTIVITY\s+TURNS\s+RESTARTS$/);
    expect(lines[1]).toMatch(/^cccccccc\s+bp6-07y\.1\s+qa-engineer\s+sim\s+interrupted\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+\d+[sm] ago\s+1\s+0$/);
    // Ended by a person: "stopped", not a bare "ended".
    expect(lines[2]).toMatch(/^bbbbbbbb\s+-\s+specialist\s+sim\s+stopped\s/);
    // Its troupe still runs it: a turn is in flight, as the dashboard would say.
    expect(lines[3]).toMatch(/^aaaaaaaa\s+bp6-07y\.1\s+specialist\s+sim\s+running\s/);
    expect(lines[4]).toBe('3 sessions shown.');
    expect(lines[5]).toContain('troupe resume <id> "<message>"');
    expect(err).toEqual([]);
  });

  it('says how each ended: finished, turn failed, failed, stopped; every one not running is resumable', async () => {
    const done = (turnEnd: LogRecord): LogRecord[] => [...turn, turnEnd];
    writeLog({ sessionId: 'dddddddd-4444', startedAt: 1_700_000_000_003, ...self }, [...done(event({ type: 'turn-done', turn: 1 })), footer({ reason: 'shutdown' })]);
    writeLog({ sessionId: 'eeeeeeee-5555', startedAt: 1_700_000_000_004, ...self }, [...done(event({ type: 'turn-failed', turn: 1, reason: 'API Error: 401' })), footer({ reason: 'shutdown' })]);
    writeLog({ sessionId: 'ffffffff-6666', startedAt: 1_700_000_000_005, ...self }, [...turn, footer({ reason: 'failed', detail: 'gave up after 5 restarts' })]);
    writeLog({ sessionId: '99999999-7777', startedAt: 1_700_000_000_006, ...self }, [...done(event({ type: 'turn-done', turn: 1 }))]);
    // Its second turn was still streaming when troupe shut down: not a finished session.
    writeLog({ sessionId: '88888888-8888', startedAt: 1_700_000_000_007, ...self }, [
      ...done(event({ type: 'turn-done', turn: 1 })),
      event({ type: 'user', turn: 2, text: 'more', source: 'person' }),
      text(2, 'half'),
      event({ type: 'stopped', reason: 'shutdown' }),
      footer({ reason: 'shutdown' }),
    ]);
    const { out, io: commandIo } = io();
    const shown = await runSessionsCommand({ project: project.root, json: true }, commandIo);
    const byId = new Map(shown.map((s) => [s.id.slice(0, 8), s]));
    expect(byId.get('dddddddd')).toMatchObject({ status: 'ended', label: 'finished', endReason: 'shutdown', resumable: true });
    expect(byId.get('eeeeeeee')).toMatchObject({ label: 'turn failed', resumable: true });
    expect(byId.get('ffffffff')).toMatchObject({ label: 'failed', endReason: 'failed', resumable: true });
    expect(byId.get('bbbbbbbb')).toMatchObject({ label: 'stopped', resumable: true });
    expect(byId.get('cccccccc')).toMatchObject({ status: 'interrupted', label: 'interrupted', resumable: true });
    // Running in a live troupe, its turn done: "waiting for you", as the dashboard says; not resumable from here.
    expect(byId.get('99999999')).toMatchObject({ status: 'running', label: 'waiting for you', resumable: false });
    expect(byId.get('88888888')).toMatchObject({ label: 'shut down mid-turn', resumable: true });
    expect(JSON.parse(out.join(''))).toHaveLength(8);
  });

  it('shows the newest 20 by default, every one with --all', async () => {
    for (let i = 0; i < 22; i += 1) {
      writeLog({ sessionId: `${String(i).padStart(8, '0')}-9999`, startedAt: 1_700_000_001_000 + i, ...self }, [...turn, footer()]);
    }
    const recent = io();
    const shown = await runSessionsCommand({ project: project.root }, recent.io);
    expect(shown).toHaveLength(20);
    expect(shown[0]?.id).toBe('00000021-9999');
    expect(recent.out.join('')).toContain('the 20 newest of 25 sessions shown; --all shows every one.');
    const every = io();
    expect(await runSessionsCommand({ project: project.root, all: true }, every.io)).toHaveLength(25);
    expect(every.out.join('')).toContain('25 sessions shown.');
  });

  it('--json prints the same selection as JSON', async () => {
    const { out, io: commandIo } = io();
    await runSessionsCommand({ project: project.root, all: true, json: true }, commandIo);
    const sessions = JSON.parse(out.join('')) as Array<{ id: string; status: string; beadId?: string }>;
    expect(sessions.map((s) => [s.id, s.status])).toEqual([
      ['cccccccc-3333', 'interrupted'],
      ['bbbbbbbb-2222', 'ended'],
      ['aaaaaaaa-1111', 'running'],
    ]);
    expect(sessions[1]?.beadId).toBeUndefined();
  });

  it('says so when there are no sessions, and reports unreadable logs on stderr', async () => {
    const empty = tempProject();
    try {
      const { out, io: commandIo } = io();
      await runSessionsCommand({ project: empty.root }, commandIo);
      expect(out.join('')).toMatch(/^No sessions recorded under .*\.bp6\/sessions\.\n$/);
    } finally {
      empty.remove();
    }
    const bad = sessionLogPath(project.root, 'x', 'dddd', 5);
    mkdirSync(dirname(bad), { recursive: true });
    writeFileSync(bad, 'oops\n');
    const { err, io: commandIo } = io();
    await runSessionsCommand({ project: project.root }, commandIo);
    expect(err.join('')).toBe(`troupe sessions: skipped ${bad}: Session log ${bad} does not start with a header record.\n`);
  });

  it('refuses a project folder that does not exist', async () => {
    await expect(runSessionsCommand({ project: `${project.root}/nope` }, io().io)).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });
});

describe('formatting', () => {
  it('pads columns and renders ages', () => {
    expect(ago(4_000)).toBe('4s ago');
    expect(ago(125_000)).toBe('2m ago');
    expect(ago(3 * 3600_000)).toBe('3h ago');
    expect(ago(72 * 3600_000)).toBe('3d ago');
    expect(formatSessionsTable([], 0)).toBe('ID  BEAD  PERSONA  BACKEND  STATUS  STARTED  LAST ACTIVITY  TURNS  RESTARTS\n');
  });
});
