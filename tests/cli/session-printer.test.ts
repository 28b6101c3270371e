import { describe, expect, it } from 'vitest';
import { SessionPrinter, type SessionPrinterOptions } from '../../src/cli/session-printer.js';
import type { LogRecord } from '../../src/logs/records.js';
import { chunk, event, footer, text } from '../logs/fixtures.js';

function render(records: LogRecord[], options: Partial<SessionPrinterOptions> = {}): { out: string; err: string } {
  let out = '';
  let err = '';
  const printer = new SessionPrinter({ out: (t) => (out += t), err: (t) => (err += t) }, { mode: 'transcript', formatTime: (at) => `t${at}`, ...options });
  for (const record of records) printer.print(record);
  printer.finish();
  return { out, err };
}

describe('SessionPrinter, transcript of a log', () => {
  it('joins streamed text, separates whole blocks, and closes text before other lines', () => {
    const records = [text(1, 'Hel'), text(1, 'lo'), chunk(1, { kind: 'text', text: 'Block.', delta: false }), event({ type: 'stderr', line: 'e' }), text(1, 'More')];
    expect(render(records).out).toBe('assistant: Hello\nBlock.\nstderr: e\nassistant: More\n');
  });

  it('shows the agent conversation id once, failures plainly, and hides usage', () => {
    expect(
      render([
        event({ type: 'cli-session', cliSessionId: 'c1' }),
        chunk(1, { kind: 'session', cliSessionId: 'c1' }),
        chunk(1, { kind: 'usage', scope: 'turn', inputTokens: 1 }),
        chunk(1, { kind: 'done', ok: false, reason: 'error_max_turns' }),
        event({ type: 'turn-failed', turn: 1, reason: 'error_max_turns' }),
        event({ type: 'restart-scheduled', attempt: 2, delayMs: 400, reason: 'signal SIGKILL' }),
        chunk(1, { kind: 'notice', level: 'warning', message: 'api retry', code: 'api_retry' }),
        chunk(1, { kind: 'tool_use', toolId: 't', name: 'Write', input: { content: 'y'.repeat(500) } }),
      ]).out.split('\n'),
    ).toEqual([
      '· agent conversation c1',
      '✗ error_max_turns',
      '✗ turn 1 failed: error_max_turns',
      '↻ restart 2 in 400 ms: signal SIGKILL',
      '! warning: api retry',
      `⚙ Write({"content":"${'y'.repeat(160 - 12)}…)`,
      '',
    ]);
  });

  it('dims secondary lines only when asked', () => {
    const records: LogRecord[] = [event({ type: 'stopped', reason: 'user' }), footer()];
    expect(render(records).out).not.toContain('\x1b');
    const colored = render(records, { color: true }).out;
    expect(colored.startsWith('\x1b[2m· stop: stopped by user\x1b[22m\n')).toBe(true);
    expect(colored).toContain('\x1b[2m── ended t1700000009000: stopped by user · 1 turn');
  });
});

describe('SessionPrinter, live', () => {
  it('puts the answer on stdout and troupe lines on stderr: one per restart, none for a failed turn', () => {
    const { out, err } = render(
      [
        event({ type: 'user', turn: 1, text: 'the built prompt', source: 'template' }),
        text(1, 'working'),
        event({ type: 'exit', pid: 5, code: 1, signal: null, abnormal: true, fatal: false, reason: 'exited with code 1 before the end of the turn' }),
        event({ type: 'restart-scheduled', attempt: 1, delayMs: 200.4, reason: 'exited with code 1 before the end of the turn' }),
        event({ type: 'user', turn: 1, text: 'continue', source: 'troupe' }),
        text(1, 'done'),
        chunk(1, { kind: 'done', ok: false, reason: 'boom' }),
        event({ type: 'turn-failed', turn: 1, reason: 'boom' }),
        event({ type: 'user', turn: 2, text: 'and now?', source: 'person' }),
        event({ type: 'turn-interrupted', turn: 2 }),
      ],
      { mode: 'live', maxRestarts: 5 },
    );
    expect(out).toBe('working\ndone\n\n── turn 2 ── and now?\n');
    expect(err.split('\n')).toEqual([
      'troupe: agent crashed (exited with code 1 before the end of the turn), restarting in 200 ms, attempt 1/5',
      'troupe: turn 2 interrupted',
      '',
    ]);
  });
});

describe('SessionPrinter and permission requests', () => {
  const request = { requestId: 'r1', kind: 'tool' as const, toolName: 'Bash', summary: 'npm publish', askedAt: 1 };

  it('live: tells what the policy decided and what was withdrawn (the prompt itself tells the rest)', () => {
    const { out, err } = render(
      [
        event({ type: 'permission-requested', request }),
        event({ type: 'permission-resolved', requestId: 'r1', decision: 'deny', by: 'cancelled' }),
        event({ type: 'permission-resolved', requestId: 'r2', decision: 'allow', by: 'policy', rule: 'Bash(npm test:*)', request: { ...request, requestId: 'r2', summary: 'npm test' } }),
        event({ type: 'permission-resolved', requestId: 'r3', decision: 'allow', by: 'person' }),
      ],
      { mode: 'live' },
    );
    expect(out).toBe('');
    expect(err.split('\n')).toEqual(['troupe: withdrawn: Bash: npm publish', "troupe: allowed Bash: npm test by the session's policy (Bash(npm test:*))", '']);
  });

  it('transcript: the request and its answer', () => {
    const { out } = render([event({ type: 'permission-requested', request }), event({ type: 'permission-resolved', requestId: 'r1', decision: 'allow', by: 'person', scope: 'session', rule: 'Bash(npm publish)' })]);
    expect(out.split('\n').slice(0, 2)).toEqual(['? Bash: npm publish', '· allowed by person for the session']);
  });
});
