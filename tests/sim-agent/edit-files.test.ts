/** edit-files: real files created and changed inside the working directory, never outside it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSim, STREAM_FLAGS, tempDirs, toolUses, type Json } from './run-sim.js';

function toolResults(events: Json[]): { content: string; is_error: boolean }[] {
  return events.filter((e) => e.type === 'user').map((e) => e.message.content[0]);
}

describe('the edit-files knob', () => {
  let dirs: ReturnType<typeof tempDirs>;
  let outside: string;
  beforeEach(() => {
    dirs = tempDirs();
    outside = mkdtempSync(join(tmpdir(), 'sim-outside-'));
  });
  afterEach(() => {
    dirs.cleanup();
    rmSync(outside, { recursive: true, force: true });
  });

  const run = (prompt: string, extra: string[] = []) =>
    runSim(['-p', prompt, ...STREAM_FLAGS, '--sim-tools', '0', '--sim-edit-files', '2', ...extra], { env: { TROUPE_SIM_STATE_DIR: dirs.stateDir }, cwd: dirs.cwd });

  it('creates files named after the first turn, and changes the same files on the next, through Write and Edit calls', async () => {
    const first = await run('Add inline validation');
    expect(first.code).toBe(0);
    expect(toolUses(first.events).map((u) => u.name)).toEqual(['Write', 'Write']);
    const file = join(dirs.cwd, 'notes', 'add-inline-validation-1.md');
    const created = readFileSync(file, 'utf8');
    expect(created).toMatch(/^# Add inline validation\n/);
    expect(readdirSync(join(dirs.cwd, 'notes')).sort()).toEqual(['add-inline-validation-1.md', 'add-inline-validation-2.md']);

    const sessionId = first.events.find((e) => e.type === 'system')?.session_id as string;
    const second = await run('Now the error messages', ['--resume', sessionId]);
    expect(toolUses(second.events).map((u) => u.name)).toEqual(['Edit', 'Edit']);
    const changed = readFileSync(file, 'utf8');
    expect(changed.startsWith(created)).toBe(true);
    expect(changed.slice(created.length)).toMatch(/^- turn 2 of [0-9a-f]{8}: Now the error messages\n$/);
  });

  it('refuses a folder or file that leads outside the working directory, and writes nothing there', async () => {
    symlinkSync(outside, join(dirs.cwd, 'notes'));
    const viaFolder = await run('Edit through a link');
    expect(toolResults(viaFolder.events).every((r) => r.is_error && /refused: .*outside the working directory/.test(r.content))).toBe(true);
    expect(readdirSync(outside)).toEqual([]);

    rmSync(join(dirs.cwd, 'notes'));
    mkdirSync(join(dirs.cwd, 'notes'));
    const target = join(outside, 'victim.txt');
    writeFileSync(target, 'untouched\n');
    symlinkSync(target, join(dirs.cwd, 'notes', 'edit-a-linked-file-1.md'));
    const viaFile = await run('Edit a linked file');
    expect(toolResults(viaFile.events)[0]).toMatchObject({ is_error: true });
    expect(readFileSync(target, 'utf8')).toBe('untouched\n');
    expect(existsSync(join(dirs.cwd, 'notes', 'edit-a-linked-file-2.md'))).toBe(true);
  });
});
