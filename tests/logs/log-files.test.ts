/** Which log files the reader finds: the writer's rule (inside the project after resolving symlinks). */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listSessions } from '../../src/logs/list-sessions.js';
import { findSessionLog, listLogFiles } from '../../src/logs/log-files.js';
import { SessionLogWriter } from '../../src/logs/writer.js';
import { footer, header, jsonl, projectAndOutside } from './fixtures.js';

const { project, outside } = projectAndOutside();

const sessions = (...parts: string[]) => join(project(), '.bp6', 'sessions', ...parts);
const LOG_NAME = '3f6c1a52-8d1e-4c3b-9a57-1f2e3d4c5b6a-2026-01-02T03-04-05.678Z.jsonl';

function problemsOf(): { problems: string[]; onProblem: (path: string, message: string) => void } {
  const problems: string[] = [];
  return { problems, onProblem: (path, message) => problems.push(`${path}: ${message}`) };
}

describe('listLogFiles', () => {
  it('lists a log the writer put behind a bead folder symlinked inside the project, and finds it to resume', async () => {
    mkdirSync(join(project(), 'kept-logs'));
    mkdirSync(sessions(), { recursive: true });
    symlinkSync(join(project(), 'kept-logs'), sessions('untracked'));
    const path = sessions('untracked', LOG_NAME);
    SessionLogWriter.create(path, header({ beadId: undefined }), { projectRoot: project() }).close(footer());

    expect((await listLogFiles(project())).map((file) => file.path)).toEqual([path]);
    expect(await findSessionLog(project(), '3f6c1a52')).toBe(path);
    expect((await listSessions(project())).map((session) => session.logPath)).toEqual([path]);
  });

  it('does not read a bead folder that leads out of the project, and says so', async () => {
    writeFileSync(join(outside(), LOG_NAME), jsonl([header({ beadId: 'planted' })]));
    mkdirSync(sessions(), { recursive: true });
    symlinkSync(outside(), sessions('planted'));
    const { problems, onProblem } = problemsOf();
    expect(await listSessions(project(), { onProblem })).toEqual([]);
    expect(problems).toEqual([`${sessions('planted')}: it leads to ${outside()}, outside the project; troupe reads and writes session logs only inside the project`]);
    await expect(findSessionLog(project(), '3f6c1a52')).rejects.toMatchObject({ code: 'LOG_NOT_FOUND' });
  });

  it('does not read a .bp6 that leads out of the project', async () => {
    mkdirSync(join(outside(), 'sessions', 'untracked'), { recursive: true });
    writeFileSync(join(outside(), 'sessions', 'untracked', LOG_NAME), jsonl([header({ beadId: undefined })]));
    symlinkSync(outside(), join(project(), '.bp6'));
    const { problems, onProblem } = problemsOf();
    expect(await listLogFiles(project(), { onProblem })).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`leads to ${join(outside(), 'sessions')}, outside the project`);
  });

  it('lists a folder reached by two names once, and skips symlinked log files (the writer never makes one)', async () => {
    mkdirSync(sessions('bp6-1'), { recursive: true });
    writeFileSync(sessions('bp6-1', LOG_NAME), jsonl([header()]));
    symlinkSync(sessions('bp6-1'), sessions('bp6-2'));
    mkdirSync(sessions('bp6-3'));
    symlinkSync(sessions('bp6-1', LOG_NAME), sessions('bp6-3', LOG_NAME.replace('3f6c', '4f6c')));
    expect(readdirSync(sessions()).sort()).toEqual(['bp6-1', 'bp6-2', 'bp6-3']);
    expect((await listLogFiles(project())).map((file) => file.path)).toHaveLength(1);
  });
});
