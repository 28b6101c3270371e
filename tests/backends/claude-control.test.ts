// The control-protocol driver on the real captures of Claude Code 2.1.329 (../shared/data/agent-streams/claude-control).
import { describe, expect, it } from 'vitest';
import { createClaudeControlDriver } from '../../src/backends/claude-control.js';
import { createClaudeParser } from '../../src/backends/claude-parser.js';
import type { ControlEvent, ToolPermissionAsk } from '../../src/backends/types.js';
import { captureLines } from './captures.js';

interface Captured {
  dir: '->' | '<-';
  msg: Record<string, unknown>;
}

function capture(file: string): Captured[] {
  return captureLines('claude-control', file)
    .filter((line) => line.startsWith('{"dir"'))
    .map((line) => JSON.parse(line) as Captured);
}

/** What the CLI printed, through the driver (control lines) and the parser (the rest). */
function readAll(file: string) {
  const driver = createClaudeControlDriver();
  const parser = createClaudeParser();
  const events: ControlEvent[] = [];
  const chunks = [];
  for (const { dir, msg } of capture(file)) {
    if (dir !== '<-') continue;
    const line = JSON.stringify(msg);
    const control = driver.read(line);
    if (control) events.push(...control);
    else chunks.push(...parser.parse(line));
  }
  return { driver, events, chunks };
}

function askOf(events: ControlEvent[]): ToolPermissionAsk {
  const ask = events.find((e) => e.kind === 'ask');
  if (ask?.kind !== 'ask') throw new Error('no can_use_tool request');
  return ask.ask;
}

/** The client's lines of a capture, parsed. */
function clientLines(file: string): Record<string, unknown>[] {
  return capture(file).filter((c) => c.dir === '->').map((c) => c.msg);
}

describe('the Claude control driver on real captures', () => {
  it('opens with initialize, as the captured client did', () => {
    const [line] = createClaudeControlDriver().open();
    const sent = JSON.parse(line!) as { type: string; request: { subtype: string } };
    expect(sent).toMatchObject({ type: 'control_request', request: { subtype: 'initialize' } });
    expect(clientLines('bash-allow.jsonl')[0]).toMatchObject({ type: 'control_request', request: { subtype: 'initialize' } });
  });

  it('turns can_use_tool into a request with the tool, its input, the reason and the CLI suggestion', () => {
    const { events, chunks } = readAll('bash-allow.jsonl');
    expect(events.map((e) => e.kind)).toEqual(['ack', 'ask']);
    expect(askOf(events)).toEqual({
      requestId: '9e0935ef-fa5a-4c4c-9923-625b267b0cb7',
      toolName: 'Bash',
      input: { command: 'touch created-by-agent.txt', description: 'List files' },
      description: 'List files',
      suggestions: ['Bash(touch created-by-agent.txt)'],
      toolUseId: 'toolu_mock_1',
      blockedPath: '/tmp/project/created-by-agent.txt',
    });
    // The conversation itself still reaches the parser: the tool ran, the turn ended well.
    expect(chunks.filter((c) => c.kind === 'tool_result')).toMatchObject([{ isError: false }]);
    expect(chunks.at(-1)).toMatchObject({ kind: 'done', ok: true });
  });

  it('answers allow and deny with the very lines the captured client sent', () => {
    for (const [file, answer] of [
      ['bash-allow.jsonl', { decision: 'allow' }],
      ['bash-deny.jsonl', { decision: 'deny', message: 'The person denied this command.' }],
    ] as const) {
      const { driver, events } = readAll(file);
      const line = driver.answer(askOf(events), answer);
      expect(line.endsWith('\n')).toBe(true);
      expect(JSON.parse(line)).toEqual(clientLines(file)[2]);
    }
  });

  it('gives a denial without words a message the agent can read', () => {
    const { driver, events } = readAll('bash-deny.jsonl');
    const sent = JSON.parse(driver.answer(askOf(events), { decision: 'deny' })) as { response: { response: { message: string } } };
    expect(sent.response.response.message).toMatch(/denied/);
  });

  it('puts the answers of a question into the tool input it allows', () => {
    const driver = createClaudeControlDriver();
    const ask: ToolPermissionAsk = { requestId: 'q1', toolName: 'AskUserQuestion', input: { questions: [{ question: 'Which?', options: [] }] }, suggestions: [] };
    const sent = JSON.parse(driver.answer(ask, { decision: 'allow', answers: { 'Which?': 'Small' } })) as { response: { response: unknown } };
    expect(sent.response.response).toEqual({ behavior: 'allow', updatedInput: { questions: [{ question: 'Which?', options: [] }], answers: { 'Which?': 'Small' } } });
  });

  it('interrupts with a control request; the CLI cancels the pending request and acknowledges', () => {
    const { driver, events, chunks } = readAll('bash-interrupt.jsonl');
    expect(JSON.parse(driver.interrupt())).toMatchObject({ type: 'control_request', request: { subtype: 'interrupt' } });
    expect(clientLines('bash-interrupt.jsonl')[2]).toMatchObject({ type: 'control_request', request: { subtype: 'interrupt' } });
    const ask = askOf(events);
    expect(events.map((e) => e.kind)).toEqual(['ack', 'ask', 'cancel', 'ack']);
    expect(events[2]).toEqual({ kind: 'cancel', requestId: ask.requestId });
    expect(events[3]).toEqual({ kind: 'ack', requestId: 'req_interrupt_1' });
    expect(chunks.at(-1)).toMatchObject({ kind: 'done', ok: false, reason: 'aborted_tools' });
  });

  it('declines requests it does not serve instead of leaving the CLI waiting', () => {
    const [event] = createClaudeControlDriver().read(JSON.stringify({ type: 'control_request', request_id: 'h1', request: { subtype: 'hook_callback' } }))!;
    expect(event?.kind).toBe('reply');
    expect(JSON.parse((event as { line: string }).line)).toMatchObject({ type: 'control_response', response: { subtype: 'error', request_id: 'h1' } });
  });

  it('leaves every other line to the parser, text that mentions control_request included', () => {
    const driver = createClaudeControlDriver();
    const text = JSON.stringify({ type: 'assistant', message: { content: [{ type: 'text', text: 'a "control_request" in prose' }] } });
    expect(driver.read(text)).toBeNull();
    expect(driver.read('not json "control_')).toBeNull();
  });
});
