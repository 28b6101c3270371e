/**
 * Text from agents and logs reaches a terminal without its escape sequences. Unit rules first,
 * then real escape bytes through the real `troupe` binary: a CLI that writes them (run), and a
 * crafted log (logs, sessions).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLogLine } from '../../src/logs/parse-line.js';
import { sessionLogPath } from '../../src/logs/paths.js';
import { terminalSafe, terminalSafeDeep, terminalSafeJson } from '../../src/text/terminal-safe.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { troupe } from '../helpers/troupe-cli.js';

const E = '\x1b';
const OSC52 = `${E}]52;c;ZWNobyBwd25lZA==\x07`;
const OSC0 = `${E}]0;pwned title\x07`;
const OSC8 = `${E}]8;;http://evil.example/${E}\\link${E}]8;;${E}\\`;
const CSI = `${E}[2K${E}[1G${E}[33m`;
const EVIL = `${OSC52}${OSC0}${OSC8}${CSI}\u202eevil\x9b31m\x07\x08\x7f`;

/** What a terminal would act on: ESC, C1 (CSI 0x9b, OSC 0x9d ...), BEL, BS, CR, DEL, bidi controls. */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminalSafe', () => {
  it('removes CSI and OSC sequences and shows every other control as a visible stand-in', () => {
    expect(terminalSafe(`a${CSI}b`)).toBe('ab');
    expect(terminalSafe(`a${OSC52}b`)).toBe('ab');
    expect(terminalSafe(`a${OSC8}b`)).toBe('alinkb');
    expect(terminalSafe('bell\x07 back\x08 del\x7f c1\x85 rtl\u202e iso\u2066')).toBe('bell␇ back␈ del␡ c1\\u0085 rtl\\u202e iso\\u2066');
    expect(terminalSafe(`esc alone ${E}`)).toBe('esc alone ␛');
    expect(ACTIVE.test(terminalSafe(EVIL))).toBe(false);
  });

  it('keeps newlines and tabs, folds CRLF and shows a lone CR (which would overwrite the line)', () => {
    expect(terminalSafe('one\ttwo\r\nthree\n')).toBe('one\ttwo\nthree\n');
    expect(terminalSafe('shown\rhidden')).toBe('shown␍hidden');
  });

  it('an escape split across two chunks is still harmless', () => {
    const halves = [`before ${E}`, `]0;title\x07 after`].map(terminalSafe).join('');
    expect(ACTIVE.test(halves)).toBe(false);
  });

  it('terminalSafeDeep copies, terminalSafeJson keeps the value and escapes what JSON leaves raw', () => {
    const value = { name: `x${CSI}`, list: [`y\u202e`], n: 1, [`k${E}`]: null };
    expect(terminalSafeDeep(value)).toEqual({ name: 'x', list: ['y\\u202e'], n: 1, 'k␛': null });
    expect(value.name).toBe(`x${CSI}`);
    const json = terminalSafeJson({ text: EVIL });
    expect(ACTIVE.test(json)).toBe(false);
    expect(JSON.parse(json)).toEqual({ text: EVIL });
  });
});

let project: TempProject;
afterEach(async () => project?.cleanup());

const FAKE_CLI_DIR = join(import.meta.dirname, '..', 'fixtures', 'escaping-claude');
const cliEnv = (extra: Record<string, string> = {}) => ({
  PATH: `${FAKE_CLI_DIR}${delimiter}${process.env.PATH ?? ''}`,
  TROUPE_STATE_DIR: join(project.root, 'state'),
  ...extra,
});

function expectInert(output: string): void {
  expect(output, JSON.stringify(output.match(new RegExp(ACTIVE.source, 'g')))).not.toMatch(ACTIVE);
}

describe('through the real troupe binary', () => {
  it('troupe run prints an agent\'s text, tool calls and failure without its escape sequences', async () => {
    project = await tempProject();
    const ok = await troupe(['run', '--backend', 'claude', '--project', project.root, 'hi'], cliEnv());
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('answer ');
    expect(ok.stdout).toContain('link'); // the hyperlink's text stays, its target goes
    expect(ok.stdout).toContain('\\u202eevil');
    expectInert(ok.stdout);
    expectInert(ok.stderr);

    const failed = await troupe(['run', '--backend', 'claude', '--project', project.root, 'hi'], cliEnv({ ESCAPING_FAIL: '1' }));
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(/troupe: turn 1 failed: failure /);
    expectInert(failed.stderr);

    const json = await troupe(['run', '--json', '--backend', 'claude', '--project', project.root, 'hi'], cliEnv());
    expectInert(json.stdout);
    const events = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; chunk?: { kind: string; text?: string } });
    expect(events.find((event) => event.chunk?.kind === 'text')?.chunk?.text).toContain(OSC52); // JSON keeps the value
  }, 120_000);

  it('troupe logs and troupe sessions print a crafted log without its escape sequences', async () => {
    project = await tempProject();
    const sessionId = '3f6c1a52-8d1e-4c3b-9a57-1f2e3d4c5b6a';
    const path = sessionLogPath(project.root, undefined, sessionId, 1_700_000_000_000);
    await mkdir(join(path, '..'), { recursive: true });
    const records = [
      { type: 'header', schema: 1, sessionId, persona: `specialist${OSC0}`, backend: `sim${CSI}`, model: OSC52, cwd: `/tmp${OSC8}`, startedAt: 1_700_000_000_000, troupeVersion: '0.1.0', troupePid: 2 },
      { type: 'user', turn: 1, text: `hello ${OSC52}`, at: 1_700_000_000_001 },
      { type: 'stderr', line: `${CSI}stderr ${EVIL}`, at: 1_700_000_000_002 },
      { type: 'chunk', chunk: { kind: 'text', text: `text ${EVIL}`, delta: false, seq: 1, turn: 1, at: 1_700_000_000_003 } },
      { type: 'chunk', chunk: { kind: 'tool_use', toolId: 't', name: `Bash${CSI}`, input: { command: EVIL }, seq: 2, turn: 1, at: 1_700_000_000_004 } },
      { type: 'turn-done', turn: 1, ok: false, reason: EVIL, at: 1_700_000_000_005 },
    ];
    await writeFile(path, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    const env = { TROUPE_STATE_DIR: join(project.root, 'state') };

    const logs = await troupe(['logs', '--project', project.root, sessionId], env);
    expect(logs.exitCode).toBe(0);
    expect(logs.stdout).toContain('hello ');
    expect(logs.stdout).toContain('stderr ');
    expectInert(logs.stdout);
    const json = await troupe(['logs', '--json', '--project', project.root, sessionId], env);
    expectInert(json.stdout);
    // The records as troupe reads them (a schema 1 log is read as schema 2), values kept whole.
    expect(json.stdout.trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual(records.map((record) => parseLogLine(JSON.stringify(record))));

    const sessions = await troupe(['sessions', '--project', project.root], env);
    expect(sessions.stdout).toContain('3f6c1a52');
    expectInert(sessions.stdout);
    const error = await troupe(['logs', '--project', project.root, `no-such${OSC0}`], env);
    expect(error.exitCode).toBe(1);
    expectInert(error.stderr);
  }, 120_000);
});
