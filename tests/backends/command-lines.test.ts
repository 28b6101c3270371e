import { describe, expect, it } from 'vitest';
import { claudeBackend } from '../../src/backends/claude.js';
import { codexBackend } from '../../src/backends/codex.js';
import { geminiBackend } from '../../src/backends/gemini.js';
import { simBackend } from '../../src/backends/sim.js';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import { SIM_AGENT_SCRIPT } from '../../src/paths.js';
import type { BackendPlugin, TurnRequest } from '../../src/backends/types.js';

const base = { cwd: '/tmp/project' } as const;
const newTurn: TurnRequest = { ...base, prompt: 'list the files', mode: 'new' };
const resumeTurn: TurnRequest = { ...base, prompt: 'and now?', mode: 'resume', cliSessionId: '0c9e7b1a-5d2f-4e8a-9b3c-7f1d2e3a4b5c' };

function expectInvalid(run: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(isTroupeError(caught, 'INVALID_ARGUMENT')).toBe(true);
  expect((caught as Error).message).toMatch(message);
}

describe('claude command line', () => {
  it('new turn', () => {
    expect(claudeBackend.commandLine(newTurn)).toEqual({
      file: 'claude',
      args: ['-p', 'list the files', '--output-format', 'stream-json', '--verbose'],
      stdin: 'ignore',
    });
  });

  it('new turn with a model and extra args', () => {
    const line = claudeBackend.commandLine({
      ...newTurn,
      model: 'sonnet',
      extraArgs: ['--permission-mode', 'acceptEdits', '--include-partial-messages'],
    });
    expect(line.args).toEqual([
      '-p', 'list the files', '--output-format', 'stream-json', '--verbose',
      '--model', 'sonnet', '--permission-mode', 'acceptEdits', '--include-partial-messages',
    ]);
  });

  it('default args hold no permission flag', () => {
    const args = claudeBackend.commandLine(newTurn).args.join(' ');
    expect(args).not.toMatch(/permission|dangerously|allowedTools/);
  });

  it("maps the session's policy onto Claude's own flags, after the prompt (--allowedTools takes every word after it)", () => {
    const policy = { mode: 'accept-edits' as const, allow: ['Bash(npm test:*)', 'Edit(src/**)'], deny: ['Bash(git push:*)'] };
    expect(claudeBackend.commandLine({ ...newTurn, permissions: policy }).args).toEqual([
      '-p', 'list the files', '--output-format', 'stream-json', '--verbose',
      '--permission-mode', 'acceptEdits', '--allowedTools', 'Bash(npm test:*)', 'Edit(src/**)', '--disallowedTools', 'Bash(git push:*)',
    ]);
    expect(claudeBackend.commandLine({ ...newTurn, permissions: { mode: 'read-only' } }).args.join(' ')).not.toMatch(/permission|Tools/);
    const bypass = claudeBackend.commandLine({ ...newTurn, permissions: { mode: 'bypass' } }).args.join(' ');
    // Claude refuses bypassPermissions as root: there troupe alone allows everything.
    if (process.getuid?.() === 0) expect(bypass).not.toMatch(/bypassPermissions/);
    else expect(bypass).toMatch(/--permission-mode bypassPermissions/);
  });

  it('long-lived on the control protocol: permission requests come to troupe on stdio', () => {
    expect(claudeBackend.longLivedByDefault).toBe(true);
    expect(claudeBackend.commandLine({ ...base, prompt: 'x', mode: 'long-lived', control: true, permissions: { mode: 'ask' } }).args).toEqual([
      '-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose', '--permission-prompt-tool', 'stdio',
    ]);
  });

  it('resume turn', () => {
    expect(claudeBackend.commandLine(resumeTurn)).toEqual({
      file: 'claude',
      args: ['-p', 'and now?', '--output-format', 'stream-json', '--verbose', '--resume', '0c9e7b1a-5d2f-4e8a-9b3c-7f1d2e3a4b5c'],
      stdin: 'ignore',
    });
  });

  it('long-lived: stream-json in and out on a stdin pipe, no prompt in argv', () => {
    expect(claudeBackend.commandLine({ ...base, prompt: 'first', mode: 'long-lived' })).toEqual({
      file: 'claude',
      args: ['-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose'],
      stdin: 'pipe',
    });
  });

  it('long-lived resuming a conversation', () => {
    const line = claudeBackend.commandLine({ ...base, prompt: '', mode: 'long-lived', cliSessionId: '0c9e7b1a-5d2f-4e8a-9b3c-7f1d2e3a4b5c', model: 'opus' });
    expect(line.args).toEqual([
      '-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose',
      '--model', 'opus', '--resume', '0c9e7b1a-5d2f-4e8a-9b3c-7f1d2e3a4b5c',
    ]);
    expect(line.stdin).toBe('pipe');
  });

  it('encodes a user message as one stream-json line', () => {
    const encoded = claudeBackend.encodeUserMessage?.('two\nlines "quoted"');
    expect(encoded).toBe('{"type":"user","message":{"role":"user","content":"two\\nlines \\"quoted\\""}}\n');
    expect(encoded?.split('\n')).toHaveLength(2);
    expect(JSON.parse(encoded ?? '')).toEqual({ type: 'user', message: { role: 'user', content: 'two\nlines "quoted"' } });
  });

  it('a prompt that looks like a flag is not read as one', () => {
    expect(claudeBackend.commandLine({ ...newTurn, prompt: '--help me' }).args[1]).toBe(' --help me');
  });
});

describe('gemini command line', () => {
  it('new turn', () => {
    expect(geminiBackend.commandLine(newTurn)).toEqual({
      file: 'gemini',
      args: ['-p', 'list the files', '-o', 'stream-json', '--skip-trust'],
      stdin: 'ignore',
    });
  });

  it('resume turn with a model and extra args', () => {
    const line = geminiBackend.commandLine({ ...resumeTurn, model: 'gemini-2.5-pro', extraArgs: ['--approval-mode', 'yolo'] });
    expect(line.args).toEqual([
      '-p', 'and now?', '-o', 'stream-json', '--skip-trust',
      '-m', 'gemini-2.5-pro', '--resume', '0c9e7b1a-5d2f-4e8a-9b3c-7f1d2e3a4b5c', '--approval-mode', 'yolo',
    ]);
    expect(line.stdin).toBe('ignore');
  });

  it('refuses long-lived mode', () => {
    expectInvalid(() => geminiBackend.commandLine({ ...newTurn, mode: 'long-lived' }), /gemini cannot run long-lived/);
  });

  it('fatal exit codes: auth, input, config, untrusted folder', () => {
    for (const code of [41, 42, 52, 55]) expect(geminiBackend.isFatalExit(code)).toBe(true);
    for (const code of [0, 1, 53, 54, 130, 144, null]) expect(geminiBackend.isFatalExit(code)).toBe(false);
  });
});

describe('codex command line', () => {
  it('new turn', () => {
    expect(codexBackend.commandLine(newTurn)).toEqual({
      file: 'codex',
      args: ['exec', '--json', '--skip-git-repo-check', 'list the files'],
      stdin: 'ignore',
    });
  });

  it('resume turn: resume <thread_id> <prompt> after the exec options', () => {
    expect(codexBackend.commandLine(resumeTurn)).toEqual({
      file: 'codex',
      args: ['exec', '--json', '--skip-git-repo-check', 'resume', '0c9e7b1a-5d2f-4e8a-9b3c-7f1d2e3a4b5c', 'and now?'],
      stdin: 'ignore',
    });
  });

  it('model and extra args go before resume, the prompt stays last', () => {
    const line = codexBackend.commandLine({ ...resumeTurn, model: 'gpt-5-codex', extraArgs: ['-s', 'read-only'] });
    expect(line.args).toEqual([
      'exec', '--json', '--skip-git-repo-check', '-m', 'gpt-5-codex', '-s', 'read-only', 'resume', '0c9e7b1a-5d2f-4e8a-9b3c-7f1d2e3a4b5c', 'and now?',
    ]);
  });

  it('refuses long-lived mode', () => {
    expectInvalid(() => codexBackend.commandLine({ ...newTurn, mode: 'long-lived' }), /codex cannot run long-lived/);
  });
});

describe('sim command line', () => {
  it('runs the compiled script under this node with Claude flags', () => {
    expect(simBackend.commandLine(newTurn)).toEqual({
      file: process.execPath,
      args: [SIM_AGENT_SCRIPT, '-p', 'list the files', '--output-format', 'stream-json', '--verbose'],
      stdin: 'ignore',
    });
    expect(simBackend.commandLine(resumeTurn).args.slice(1)).toEqual(claudeBackend.commandLine(resumeTurn).args);
    const longLived: TurnRequest = { ...base, prompt: 'x', mode: 'long-lived', cliSessionId: '0c9e7b1a-5d2f-4e8a-9b3c-7f1d2e3a4b5c' };
    expect(simBackend.commandLine(longLived)).toEqual({
      file: process.execPath,
      args: [SIM_AGENT_SCRIPT, ...claudeBackend.commandLine(longLived).args],
      stdin: 'pipe',
    });
    expect(simBackend.encodeUserMessage?.('hi')).toBe(claudeBackend.encodeUserMessage?.('hi'));
  });
});

describe.each<[string, BackendPlugin]>([
  ['claude', claudeBackend],
  ['gemini', geminiBackend],
  ['codex', codexBackend],
  ['sim', simBackend],
])('%s request checks', (id, backend) => {
  it('a new turn needs a prompt', () => {
    expectInvalid(() => backend.commandLine({ ...newTurn, prompt: '' }), new RegExp(`^${id}: a new turn needs a non-empty prompt`));
  });

  it('a resume turn needs the CLI session id', () => {
    expectInvalid(
      () => backend.commandLine({ ...resumeTurn, cliSessionId: undefined }),
      new RegExp(`^${id}: a resume turn needs the CLI session id`),
    );
  });

  it('a CLI session id that is not one never becomes an argument (it could be a flag)', () => {
    for (const bad of ['--yolo', '-p', 'abc', '../../etc', '0c9e7b1a-5d2f-4e8a-9b3c-7f1d2e3a4b5c --x']) {
      expectInvalid(() => backend.commandLine({ ...resumeTurn, cliSessionId: bad }), /is not a \w+ session id/);
    }
  });

  it('a model name that is not one is refused', () => {
    for (const bad of ['--dangerously-skip-permissions', '-x', 'a b']) {
      expectInvalid(() => backend.commandLine({ ...newTurn, model: bad }), /is not a model name/);
    }
  });
});
