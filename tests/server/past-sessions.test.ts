/** The history view's service over real log files: listing, finding, paging, resuming. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessionLogPath } from '../../src/logs/paths.js';
import type { LogHeader, LogRecord } from '../../src/logs/records.js';
import { createPastSessions, type PastSessionsService } from '../../src/server/past-sessions.js';
import { parseCommand } from '../../src/server/command-schema.js';
import { event, footer, header, jsonl, tempProject, text } from '../logs/fixtures.js';
import { FakeSupervisor } from './fake-services.js';

let project: ReturnType<typeof tempProject>;
let supervisor: FakeSupervisor;
let adopted: string[];
let past: PastSessionsService;
const gone = { troupePid: process.pid, troupeStartTime: 'not-this-process' };

function writeLog(overrides: Partial<LogHeader>, rest: LogRecord[]): string {
  const head = header({ ...gone, ...overrides });
  const path = sessionLogPath(project.root, head.beadId, head.sessionId, head.startedAt);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, jsonl([head, ...rest]));
  return path;
}

const asked = (words: string) => event({ type: 'user', turn: 1, text: `template… ${words}`, own: words, source: 'template' });

beforeEach(() => {
  project = tempProject();
  supervisor = new FakeSupervisor();
  adopted = [];
  past = createPastSessions({
    projectRoot: project.root,
    supervisor,
    adoptLog: async (path) => {
      adopted.push(path);
      return 'adopted';
    },
    beadTitle: (id) => (id === 'shop-1' ? 'Checkout form' : undefined),
  });
  writeLog({ sessionId: 'aaaaaaaa-0001', startedAt: 1_000, beadId: 'shop-1' }, [asked('make the form'), text(1, 'The valid'), text(1, 'ation runs on blur.'), event({ type: 'turn-done', turn: 1 }), footer({ reason: 'shutdown' })]);
  writeLog({ sessionId: 'bbbbbbbb-0002', startedAt: 2_000, beadId: 'shop-2', persona: 'qa-engineer' }, [asked('check retries'), event({ type: 'turn-failed', turn: 1, reason: 'API Error: 401' }), footer({ reason: 'shutdown' })]);
  writeLog({ sessionId: 'cccccccc-0003', startedAt: 3_000, beadId: undefined }, [asked('hello there'), text(1, 'Hi.'), footer({ reason: 'failed', detail: 'gave up' })]);
});
afterEach(() => project.remove());

describe('past sessions', () => {
  it('lists every session in the logs, newest first, in the dashboard words', async () => {
    const page = await past.find({});
    expect(page.total).toBe(3);
    expect(page.sessions.map((s) => [s.sessionId, s.label])).toEqual([
      ['cccccccc-0003', 'failed'],
      ['bbbbbbbb-0002', 'turn failed'],
      ['aaaaaaaa-0001', 'finished'],
    ]);
    expect(page.sessions[2]).toMatchObject({ beadTitle: 'Checkout form', resumable: true, live: false });
    expect(page.nextBefore).toBeUndefined();
  });

  it('finds by bead, title, persona, status and the text of the chat, every word', async () => {
    const ids = async (query: string) => (await past.find({ query })).sessions.map((s) => s.sessionId.slice(0, 8));
    expect(await ids('shop-1')).toEqual(['aaaaaaaa']);
    expect(await ids('checkout')).toEqual(['aaaaaaaa']);
    expect(await ids('qa-engineer')).toEqual(['bbbbbbbb']);
    expect(await ids('turn failed')).toEqual(['bbbbbbbb']);
    expect(await ids('no bead')).toEqual(['cccccccc']);
    // In the person's words, and in the agent's text even where it streamed in two pieces.
    expect(await ids('retries')).toEqual(['bbbbbbbb']);
    const split = await past.find({ query: 'VALIDATION blur' });
    expect(split.sessions.map((s) => s.sessionId)).toEqual(['aaaaaaaa-0001']);
    expect(split.sessions[0]?.excerpt).toContain('The validation runs on blur.');
    expect(await ids('shop-1 retries')).toEqual([]);
    expect(await ids('nowhere-to-be-found')).toEqual([]);
  });

  it('pages newest first with a cursor that holds while new sessions start', async () => {
    const first = await past.find({ limit: 2 });
    expect(first.sessions.map((s) => s.sessionId)).toEqual(['cccccccc-0003', 'bbbbbbbb-0002']);
    expect(first.nextBefore).toBeDefined();
    writeLog({ sessionId: 'dddddddd-0004', startedAt: 4_000 }, [asked('newer'), footer()]);
    const second = await past.find({ limit: 2, before: first.nextBefore });
    expect(second.sessions.map((s) => s.sessionId)).toEqual(['aaaaaaaa-0001']);
    expect(second.nextBefore).toBeUndefined();
    await expect(past.find({ before: 'nonsense' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('says a text search was cut short when its byte budget ran out', async () => {
    const tight = createPastSessions({ projectRoot: project.root, supervisor, adoptLog: async () => '', beadTitle: () => undefined, textBudget: 200 });
    const page = await tight.find({ query: 'blur' });
    expect(page.partial).toBe(true);
    expect(page.sessions).toEqual([]);
  });

  it('resumes a past session: taken from its log, then revived', async () => {
    const revived: string[] = [];
    supervisor.revive = async (id: string) => void revived.push(id);
    await past.resume('bbbbbbbb-0002', 'again');
    expect(adopted).toEqual([expect.stringContaining('bbbbbbbb-0002')]);
    expect(revived).toEqual(['bbbbbbbb-0002']);
    await expect(past.resume('ffffffff-9999')).rejects.toMatchObject({ code: 'UNKNOWN_SESSION' });
    expect(await past.logPath('aaaaaaaa-0001')).toContain('aaaaaaaa-0001');
    expect(await past.logPath('aaaaaaaa')).toBeUndefined(); // exact ids only
  });

  it('takes only bounded commands from a client', () => {
    expect(parseCommand(JSON.stringify({ type: 'find-sessions', query: 'x', limit: 100 }))).toMatchObject({ ok: true });
    expect(parseCommand(JSON.stringify({ type: 'find-sessions', limit: 101 }))).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    expect(parseCommand(JSON.stringify({ type: 'find-sessions', query: 'x'.repeat(201) }))).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    expect(parseCommand(JSON.stringify({ type: 'resume' }))).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    expect(parseCommand(JSON.stringify({ type: 'resume', sessionId: 'a', message: '' }))).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    expect(parseCommand(JSON.stringify({ type: 'resume', sessionId: 'a', logPath: '/etc/passwd' }))).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
  });
});
