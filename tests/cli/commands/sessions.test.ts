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

  it('shows running and interrupted sessions, flags the resumable, hides ended ones', async () => {
    const { out, err, io: commandIo } = io();
    await runSessionsCommand({ project: project.root }, commandIo);
    const lines = out.join('').split('\n');
    expect(lines[0]).toMatch(/^ID\s+BEAD\s+PERSONA\s+BACKEND\s+STATUS\s+STARTED\s+LAST ACTIVITY\s+TURNS\s+RESTARTS$/);
    expect(lines[1]).toMatch(/^cccccccc\s+bp6-07y\.1\s+qa-engineer\s+sim\s+interrupted \(resumable\)\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+\d+[sm] ago\s+1\s+0$/);
    expect(lines[2]).toMatch(/^aaaaaaaa\s+bp6-07y\.1\s+specialist\s+sim\s+running\s/);
    expect(lines[3]).toBe('2 sessions shown; 1 ended hidden (--all shows them).');
    expect(lines[4]).toContain('troupe resume <id> "<message>"');
    expect(err).toEqual([]);
  });

  it('--all includes ended sessions; --json prints the same selection as JSON', async () => {
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
