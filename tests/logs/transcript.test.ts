import { describe, expect, it } from 'vitest';
import { TranscriptRenderer } from '../../src/logs/transcript.js';
import type { LogRecord } from '../../src/logs/records.js';
import { chunk, footer, text } from './fixtures.js';

function render(records: LogRecord[], color = false): string {
  const renderer = new TranscriptRenderer({ color, formatTime: (at) => `t${at}` });
  return records.map((record) => renderer.render(record)).join('') + renderer.finish();
}

describe('TranscriptRenderer', () => {
  it('joins streamed text, separates whole blocks, and closes text before other lines', () => {
    expect(render([text(1, 'Hel'), text(1, 'lo'), chunk(1, { kind: 'text', text: 'Block.', delta: false }), { type: 'stderr', line: 'e', at: 1 }, text(1, 'More')])).toBe(
      'assistant: Hello\nBlock.\nstderr: e\nassistant: More\n',
    );
  });

  it('shows the agent conversation id once, failures plainly, and hides usage', () => {
    expect(
      render([
        { type: 'cli-session', cliSessionId: 'c1', at: 1 },
        chunk(1, { kind: 'session', cliSessionId: 'c1' }),
        chunk(1, { kind: 'usage', scope: 'turn', inputTokens: 1 }),
        chunk(1, { kind: 'done', ok: false, reason: 'error_max_turns' }),
        { type: 'turn-done', turn: 1, ok: false, reason: 'error_max_turns', at: 2 },
        { type: 'restart', attempt: 2, delayMs: 400, reason: 'signal SIGKILL', at: 3 },
        chunk(1, { kind: 'notice', level: 'warning', message: 'api retry', code: 'api_retry' }),
        chunk(1, { kind: 'tool_use', toolId: 't', name: 'Write', input: { content: 'y'.repeat(500) } }),
      ]).split('\n'),
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
    const records: LogRecord[] = [{ type: 'stop', reason: 'user', at: 1 }, footer()];
    expect(render(records)).not.toContain('\x1b');
    const colored = render(records, true);
    expect(colored.startsWith('\x1b[2m· stop: user\x1b[22m\n')).toBe(true);
    expect(colored).toContain('\x1b[2m── ended t1700000009000: user · 1 turn');
  });
});
