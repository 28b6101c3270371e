// When an API stream breaks off, Claude Code 2.1.329 closes it with a message_stop that names
// the abandoned blocks, then retries without streaming: the partial text already shown is void.
import { describe, expect, it } from 'vitest';
import type { AgentChunk } from '../../src/protocol/index.js';
import { createClaudeParser } from '../../src/backends/claude-parser.js';

const streamEvent = (event: object, extra: object = {}) =>
  JSON.stringify({ type: 'stream_event', event, session_id: 's1', api_message_id: 'msg_1', ...extra });

const textDelta = (index: number, text: string) =>
  streamEvent({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });

function parseAll(lines: string[]): AgentChunk[] {
  const parser = createClaudeParser();
  return lines.flatMap((line) => parser.parse(line));
}

describe('claude parser, abandoned stream', () => {
  it('flags the streamed text of an abandoned message once, and the retried reply comes whole', () => {
    const chunks = parseAll([
      streamEvent({ type: 'message_start', message: { id: 'msg_1' } }),
      textDelta(0, 'Hello '),
      textDelta(0, 'fro'),
      streamEvent({ type: 'content_block_stop', index: 0 }),
      streamEvent({ type: 'message_stop' }, { abandoned_blocks: { api_message_id: 'msg_1', from_block_index: 0 } }),
      JSON.stringify({ type: 'assistant', message: { id: 'msg_2', content: [{ type: 'text', text: 'Recovered.' }] }, session_id: 's1' }),
    ]);
    expect(chunks.map((c) => c.kind)).toEqual(['text', 'text', 'notice', 'text']);
    expect(chunks[2]).toMatchObject({ kind: 'notice', level: 'warning', code: 'text_abandoned', discardText: 'Hello fro' });
    expect(chunks[2]?.kind === 'notice' && chunks[2].message).toContain('"Hello fro"');
    expect(chunks[3]).toEqual({ kind: 'text', text: 'Recovered.', delta: false });
  });

  it('keeps blocks before from_block_index, and a normal message_stop says nothing', () => {
    const chunks = parseAll([
      textDelta(0, 'kept'),
      JSON.stringify({ type: 'assistant', message: { id: 'msg_1', content: [{ type: 'text', text: 'kept' }] } }),
      textDelta(1, 'lost'),
      streamEvent({ type: 'message_stop' }, { abandoned_blocks: { api_message_id: 'msg_1', from_block_index: 1 } }),
      streamEvent({ type: 'message_stop' }),
    ]);
    const notices = chunks.filter((c) => c.kind === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.kind === 'notice' && notices[0].message).toContain('"lost"');
    expect(notices[0]?.kind === 'notice' && notices[0].message).not.toContain('kept');
  });
});
