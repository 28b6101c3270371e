import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runLogsCommand } from '../../../src/cli/commands/logs.js';
import { sessionLogPath } from '../../../src/logs/paths.js';
import type { LogRecord } from '../../../src/logs/records.js';
import { chunk, event, footer, header, jsonl, tempProject, text } from '../../logs/fixtures.js';

let project: ReturnType<typeof tempProject>;
let path: string;

const records: LogRecord[] = [
  header({ sessionId: 'abcdef12-0000' }),
  event({ type: 'user', turn: 1, text: 'list the files\nplease', source: 'person' }, 1_700_000_000_100),
  event({ type: 'spawn', pid: 4321, turn: 1, attempt: 0 }, 1_700_000_000_200),
  event({ type: 'cli-session', cliSessionId: 'cli-9' }, 1_700_000_000_300),
  chunk(1, { kind: 'session', cliSessionId: 'cli-9' }),
  text(1, 'Let me '),
  text(1, 'look.'),
  chunk(1, { kind: 'tool_use', toolId: 't1', name: 'Bash', input: { command: 'ls' } }),
  chunk(1, { kind: 'tool_result', toolId: 't1', output: 'a.txt\nb.txt', isError: false }),
  event({ type: 'stderr', line: 'debug: hi' }, 1_700_000_000_400),
  text(1, 'Two files.'),
  chunk(1, { kind: 'usage', scope: 'turn', inputTokens: 5, outputTokens: 6, costUsd: 0.001 }),
  event({ type: 'turn-done', turn: 1 }, 1_700_000_000_500),
  event({ type: 'exit', pid: 4321, code: 0, signal: null, abnormal: false, fatal: false, reason: 'normal' }, 1_700_000_000_600),
  footer({ reason: 'user' }),
];

beforeEach(() => {
  project = tempProject();
  path = sessionLogPath(project.root, 'bp6-1', 'abcdef12-0000', 1_700_000_000_000);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, jsonl(records));
});
afterEach(() => project.remove());

async function run(options: { json?: boolean; tail?: number }, id = 'abcdef') {
  const out: string[] = [];
  const err: string[] = [];
  await runLogsCommand(id, { project: project.root, ...options }, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
  return { out: out.join(''), err: err.join('') };
}

describe('troupe logs', () => {
  it('prints a readable transcript', async () => {
    const { out, err } = await run({});
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^── session abcdef12-0000 · bead bp6-07y\.1 · specialist · sim \(sim-1\) · started .* · cwd \/tmp\/project$/);
    expect(lines[1]).toMatch(/^\[.*\] ▶ user \(turn 1\): list the files$/);
    expect(lines[2]).toBe('    please');
    expect(lines.slice(3, 12)).toEqual([
      '· spawn pid 4321 (turn 1)',
      '· agent conversation cli-9',
      'assistant: Let me look.',
      '⚙ Bash({"command":"ls"})',
      '  ↳ a.txt b.txt',
      'stderr: debug: hi',
      'assistant: Two files.',
      '✓ turn 1 done',
      '· exit pid 4321, code 0',
    ]);
    expect(lines[12]).toMatch(/^── ended .*: stopped by user · 1 turn · 10 in \/ 20 out tokens · \$0\.0100 · 0 restarts$/);
    expect(lines[13]).toBe('');
    expect(err).toBe('');
  });

  it('--json prints the records as JSON lines', async () => {
    const { out } = await run({ json: true });
    expect(out.trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual(records);
  });

  it('--tail N prints only the last N records (after the session line)', async () => {
    const { out } = await run({ tail: 2 });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^── session abcdef12-0000/);
    expect(lines[1]).toBe('…');
    expect(lines[2]).toBe('· exit pid 4321, code 0');
    expect(lines[3]).toMatch(/^── ended/);
    expect(lines).toHaveLength(4);
    const json = await run({ tail: 3, json: true });
    expect(json.out.trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual(records.slice(-3));
  });

  it('skips a torn last line and says so on stderr', async () => {
    appendFileSync(path, '{"type":"chunk","chunk":{"kind":"te');
    const { out, err } = await run({ json: true });
    expect(out.trimEnd().split('\n')).toHaveLength(records.length);
    expect(err).toContain('1 line(s)');
    expect(err).toContain('torn by a crash');
  });

  it('gives a clear error for an unknown session', async () => {
    await expect(run({}, 'ffff')).rejects.toMatchObject({ code: 'LOG_NOT_FOUND', message: expect.stringContaining('No session log for "ffff"') });
  });
});

describe('troupe logs of a crafted log', () => {
  it('prints escape sequences from the file as visible text, never raw', async () => {
    const hostile: LogRecord[] = [
      header({ sessionId: 'feedface-0000' }),
      // OSC 52 writes the clipboard, OSC 0 the window title, CSI moves the cursor and colours.
      text(1, 'hi \u001b]52;c;ZXZpbA==\u0007 \u001b]0;owned\u0007 \u001b[2K\u001b[1G\u001b[31mred\u009b2J'),
      event({ type: 'stderr', line: '\u001b]8;;http://evil\u0007link\u001b]8;;\u0007' }),
    ];
    const hostilePath = sessionLogPath(project.root, 'bp6-1', 'feedface-0000', 1_700_000_000_000);
    writeFileSync(hostilePath, jsonl(hostile));
    const { out } = await run({}, 'feedface');
    expect(out).not.toMatch(/[\u001b\u0007\u009b]/);
    // Sequences are removed, their visible text stays.
    expect(out).toContain('hi ');
    expect(out).toContain('red');
  });
});
