import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import {
  beadFolderName,
  beadIdFromFolder,
  isInside,
  parseLogFileName,
  sessionLogPath,
  sessionsRoot,
} from '../../src/logs/paths.js';

const root = resolve('/srv/project');
const id = '3f6c1a52-8d1e-4c3b-9a57-1f2e3d4c5b6a';
const at = Date.UTC(2026, 10, 20, 21, 58, 22, 123);

function refusal(beadId: string): unknown {
  try {
    sessionLogPath(root, beadId, id, at);
  } catch (error) {
    return error;
  }
  return null;
}

describe('beadFolderName', () => {
  it('keeps real bead ids as they are and uses "untracked" when there is none', () => {
    expect(beadFolderName('bp6-07y.1.2')).toBe('bp6-07y.1.2');
    expect(beadFolderName('abc_def')).toBe('abc_def');
    expect(beadFolderName(undefined)).toBe('untracked');
  });

  it.each([
    ['..', 'names a folder'],
    ['.', 'names a folder'],
    ['../x', 'slash'],
    ['../../etc/passwd', 'slash'],
    ['/abs', 'slash'],
    ['a/b', 'slash'],
    ['a\\b', 'backslash'],
    ['bead\0id', 'NUL'],
    ['line\nbreak', 'control'],
    ['x'.repeat(300), 'longer than'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['untracked', 'reserved'],
    ['\uD800', 'unicode'],
  ])('refuses %j with a clear INVALID_BEAD_ID error', (beadId, why) => {
    const error = refusal(beadId);
    expect(isTroupeError(error, 'INVALID_BEAD_ID')).toBe(true);
    expect((error as Error).message).toContain('Invalid bead id');
    expect((error as Error).message).toContain(why);
  });

  it('percent-encodes other characters so the name stays one plain path segment', () => {
    expect(beadFolderName('tâche-été')).toBe('t%C3%A2che-%C3%A9t%C3%A9');
    expect(beadFolderName('a b:c')).toBe('a%20b%3Ac');
    expect(beadFolderName('%2F')).toBe('%252F');
    expect(beadFolderName("it's~(x)*!")).toBe('it%27s%7E%28x%29%2A%21');
    expect(beadFolderName('..a')).toBe('..a');
    expect(beadIdFromFolder(beadFolderName('tâche été/?'.replace('/', '')))).toBe('tâche été?');
    expect(beadIdFromFolder('untracked')).toBeUndefined();
  });

  it('keeps distinct ids apart', () => {
    const ids = ['a b', 'a%20b', 'a+b', 'a%2Bb', 'ä', 'a\u0308'];
    expect(new Set(ids.map((beadId) => beadFolderName(beadId))).size).toBe(ids.length);
  });
});

describe('sessionLogPath', () => {
  it('lays out .bp6/sessions/<bead>/<session>-<timestamp>.jsonl', () => {
    expect(sessionLogPath(root, 'bp6-07y', id, at)).toBe(
      join(root, '.bp6', 'sessions', 'bp6-07y', `${id}-2026-11-20T21-58-22.123Z.jsonl`),
    );
    expect(sessionLogPath(root, undefined, id, at)).toContain(join('sessions', 'untracked', id));
  });

  it('never leaves the sessions folder, whatever the bead id', () => {
    const hostile = ['..', '../x', '/abs', 'a/b', 'a\0b', 'x'.repeat(300), 'ünï/cödé', '.', '..a', '-rf', '~', '%2e%2e'];
    for (const beadId of hostile) {
      let path: string | null = null;
      try {
        path = sessionLogPath(root, beadId, id, at);
      } catch (error) {
        expect(isTroupeError(error, 'INVALID_BEAD_ID')).toBe(true);
      }
      if (path !== null) {
        expect(isInside(sessionsRoot(root), path)).toBe(true);
        expect(path.slice(sessionsRoot(root).length + 1).split('/')).toHaveLength(2);
      }
    }
  });

  it('refuses a session id or start time that is not one', () => {
    expect(() => sessionLogPath(root, 'b', '../../x', at)).toThrow(/Invalid session id/);
    expect(() => sessionLogPath(root, 'b', '', at)).toThrow(/Invalid session id/);
    expect(() => sessionLogPath(root, 'b', id, Number.NaN)).toThrow(/Invalid session start time/);
  });

  it('reads the session id and timestamp back from the file name', () => {
    const path = sessionLogPath(root, 'b', id, at);
    expect(parseLogFileName(path.split('/').at(-1) as string)).toEqual({
      sessionId: id,
      timestamp: '2026-11-20T21-58-22.123Z',
    });
    expect(parseLogFileName('notes.txt')).toBeNull();
  });
});

describe('isInside', () => {
  it('tells inside from outside', () => {
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/b/..c/d')).toBe(true);
    expect(isInside('/a/b', '/a/b')).toBe(false);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a/b/../c')).toBe(false);
  });
});
