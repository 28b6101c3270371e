import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDoctorCommand, type DoctorEntry } from '../../../src/cli/commands/doctor.js';
import { troupe } from '../../helpers/troupe-cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A PATH folder holding stand-in CLIs that print a version, like the real ones do. */
function fakeClis(versions: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'troupe-doctor-'));
  dirs.push(dir);
  for (const [name, output] of Object.entries(versions)) {
    const file = join(dir, name);
    writeFileSync(file, `#!/bin/sh\necho '${output}'\n`);
    chmodSync(file, 0o755);
  }
  return dir;
}

async function report(path: string): Promise<{ entries: Map<string, DoctorEntry>; text: string }> {
  let text = '';
  const entries = await runDoctorCommand({}, { out: (t) => (text += t), env: { PATH: path } });
  return { entries: new Map(entries.map((e) => [e.id, e])), text };
}

describe('troupe doctor', () => {
  it('reports versions on PATH, warns outside the tested range, and gives the install hint when missing', async () => {
    const path = fakeClis({ claude: '2.1.3 (Claude Code)', gemini: '0.52.0' });
    const { entries, text } = await report(path);
    expect(entries.get('claude')).toMatchObject({ installed: true, version: '2.1.3', verdict: 'in-range', warning: false, path: join(path, 'claude') });
    expect(entries.get('gemini')).toMatchObject({ installed: true, version: '0.52.0', verdict: 'outside-range', warning: true });
    expect(entries.get('gemini')?.message).toContain('older than the tested range 0.6x');
    expect(entries.get('codex')).toMatchObject({ installed: false, verdict: 'missing', warning: true });
    expect(entries.get('codex')?.message).toContain('npm install -g @openai/codex');
    expect(entries.get('sim')).toMatchObject({ installed: true, verdict: 'built-in' });
    expect(text).toMatch(/^warn\s+gemini\s+Gemini CLI\s+0\.52\.0\s+0\.52\.0 is older/m);
    expect(text).toMatch(/^ok\s+claude\s+Claude Code\s+2\.1\.3\s+inside the tested range/m);
    expect(text).toMatch(/warning\(s\)\n$/);
  });

  it('warns about a version it cannot read', async () => {
    const { entries } = await report(fakeClis({ codex: 'codex-cli nightly' }));
    expect(entries.get('codex')).toMatchObject({ installed: true, verdict: 'unknown', warning: true });
  });

  it('runs as a real command with --json', async () => {
    const path = fakeClis({ claude: '2.1.329 (Claude Code)', gemini: '0.61.0', codex: 'codex-cli 0.169.0' });
    const result = await troupe(['doctor', '--json'], { PATH: `${path}:${process.env.PATH ?? ''}` });
    expect(result.exitCode).toBe(0);
    const entries = JSON.parse(String(result.stdout)) as DoctorEntry[];
    expect(entries.filter((e) => e.id !== 'sim').map((e) => [e.id, e.verdict, e.warning])).toEqual([
      ['claude', 'tested', false],
      ['gemini', 'tested', false],
      ['codex', 'tested', false],
    ]);
  });
});
