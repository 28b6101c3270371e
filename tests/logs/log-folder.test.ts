/**
 * Where the writer may put a log: inside the project only, private modes, and a `.bp6` it creates
 * ignores itself. Real folders, real symlinks, the real writer; git's own view in tests/cli/run.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTroupeError, type TroupeError } from '../../src/errors/troupe-error.js';
import { SessionLogWriter } from '../../src/logs/writer.js';
import { header, projectAndOutside, tempProject } from './fixtures.js';

const { project, outside } = projectAndOutside();

function createIn(folder: string[]): string {
  const path = join(project(), ...folder, 'a-2026.jsonl');
  SessionLogWriter.create(path, header(), { projectRoot: project() }).close();
  return path;
}

function refusal(folder: string[]): TroupeError {
  try {
    createIn(folder);
  } catch (error) {
    if (isTroupeError(error)) return error;
    throw error;
  }
  throw new Error('expected the writer to refuse');
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the session log folder', () => {
  it('refuses a .bp6 that is a symlink out of the project, naming it, and writes nothing there', () => {
    symlinkSync(outside(), join(project(), '.bp6'));
    const error = refusal(['.bp6', 'sessions', 'untracked']);
    expect(error.code).toBe('LOG_WRITE_FAILED');
    expect(error.message).toContain(`${join(project(), '.bp6')} leads to ${outside()}, outside ${project()}`);
    expect(readdirSync(outside())).toEqual([]);
  });

  it('refuses a bead folder that is a symlink out of the project', () => {
    mkdirSync(join(project(), '.bp6', 'sessions'), { recursive: true });
    symlinkSync(outside(), join(project(), '.bp6', 'sessions', 'untracked'));
    const error = refusal(['.bp6', 'sessions', 'untracked']);
    expect(error.message).toContain(`${join(project(), '.bp6', 'sessions', 'untracked')} leads to ${outside()}`);
    expect(readdirSync(outside())).toEqual([]);
  });

  it('writes through a symlink that stays inside the project', () => {
    mkdirSync(join(project(), 'state', 'logs'), { recursive: true });
    mkdirSync(join(project(), '.bp6', 'sessions'), { recursive: true });
    symlinkSync(join(project(), 'state', 'logs'), join(project(), '.bp6', 'sessions', 'untracked'));
    createIn(['.bp6', 'sessions', 'untracked']);
    expect(readdirSync(join(project(), 'state', 'logs'))).toEqual(['a-2026.jsonl']);
  });

  it('creates folders 0700 and the log 0600: they hold prompts and code', () => {
    const path = createIn(['.bp6', 'sessions', 'bp6-1']);
    expect(mode(path)).toBe(0o600);
    for (const folder of ['.bp6', '.bp6/sessions', '.bp6/sessions/bp6-1']) expect(mode(join(project(), folder))).toBe(0o700);
  });

  it('a .bp6 it creates ignores itself in git; an existing .bp6 is left as the project has it', () => {
    createIn(['.bp6', 'sessions', 'untracked']);
    expect(readFileSync(join(project(), '.bp6', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(existsSync(join(project(), '.bp6', 'sessions', '.gitignore'))).toBe(false);

    const other = tempProject();
    try {
      mkdirSync(join(other.root, '.bp6', 'personas'), { recursive: true });
      const path = join(other.root, '.bp6', 'sessions', 'untracked', 'a-2026.jsonl');
      SessionLogWriter.create(path, header(), { projectRoot: other.root }).close();
      expect(existsSync(join(other.root, '.bp6', '.gitignore'))).toBe(false);
      // The project's personas stay tracked; only the sessions folder ignores itself.
      expect(readFileSync(join(other.root, '.bp6', 'sessions', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    } finally {
      other.remove();
    }
  });

  it('reopens no log through a symlink', () => {
    const target = join(outside(), 'x.jsonl');
    writeFileSync(target, `${JSON.stringify(header())}\n`);
    const link = join(project(), 'x.jsonl');
    symlinkSync(target, link);
    expect(() => SessionLogWriter.reopen(link)).toThrow(/symbolic link.*ELOOP/);
    expect(readFileSync(target, 'utf8')).toBe(`${JSON.stringify(header())}\n`);
  });
});
