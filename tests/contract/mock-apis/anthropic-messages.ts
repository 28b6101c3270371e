/**
 * The Anthropic Messages API, as Claude Code calls it: `POST /v1/messages?beta=true` with
 * `stream: true`, answered with message_start, content_block_start/delta/stop (text_delta,
 * input_json_delta), message_delta (stop_reason) and message_stop.
 */
import type { ServerResponse } from 'node:http';
import { startMockServer, type MockApi, type RecordedRequest } from './mock-server.js';
import { EXHAUSTED_MESSAGE, ReplyScript, type MockReply, type StreamedReply } from './script.js';
import { cutStream, startEventStream, staySilent, writeEvent, writeJson } from './sse.js';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

interface MessagesBody {
  model?: string;
  stream?: boolean;
}

/** Every Messages call is a conversation turn: streaming, or the CLI's non-streaming fallback after a failed stream. */
function isTurnRequest(request: RecordedRequest): boolean {
  return request.method === 'POST' && request.url.startsWith('/v1/messages') && !request.url.includes('count_tokens');
}

function usage(inputTokens: number, outputTokens: number) {
  return { input_tokens: inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: outputTokens };
}

/** Splits a string in two, so tool input arrives as more than one input_json_delta. */
function halves(text: string): string[] {
  const middle = Math.ceil(text.length / 2);
  return [text.slice(0, middle), text.slice(middle)];
}

/** The tool a reply calls, as Claude Code names it and its input. */
function toolOf(reply: StreamedReply): { name: string; input: Record<string, string> } | undefined {
  if (reply.kind === 'shell') return { name: 'Bash', input: { command: reply.command, description: 'Run a command' } };
  if (reply.kind === 'write') return { name: 'Write', input: { file_path: reply.path, content: reply.content } };
  return undefined;
}

function streamReply(res: ServerResponse, reply: StreamedReply, model: string, n: number): void {
  startEventStream(res);
  writeEvent(res, {
    type: 'message_start',
    message: { id: `msg_mock_${n}`, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: usage(120, 1) },
  }, 'message_start');
  let index = 0;
  const deltas = reply.kind === 'write' ? [] : reply.kind === 'shell' ? (reply.text ? [reply.text] : []) : reply.deltas;
  if (deltas.length > 0) {
    writeEvent(res, { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }, 'content_block_start');
    for (const text of deltas) {
      writeEvent(res, { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }, 'content_block_delta');
    }
    if (reply.kind === 'cut') {
      cutStream(res);
      return;
    }
    writeEvent(res, { type: 'content_block_stop', index }, 'content_block_stop');
    if (reply.kind === 'hold') return; // the block is whole (Claude prints it), the message never ends
    index += 1;
  } else if (reply.kind === 'cut') {
    cutStream(res);
    return;
  } else if (reply.kind === 'hold') {
    return;
  }
  const tool = toolOf(reply);
  if (tool) {
    const id = `toolu_mock_${n}`;
    writeEvent(res, { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name: tool.name, input: {} } }, 'content_block_start');
    for (const part of halves(JSON.stringify(tool.input))) {
      writeEvent(res, { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: part } }, 'content_block_delta');
    }
    writeEvent(res, { type: 'content_block_stop', index }, 'content_block_stop');
  }
  const stopReason = tool ? 'tool_use' : 'end_turn';
  writeEvent(res, { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 25 } }, 'message_delta');
  writeEvent(res, { type: 'message_stop' }, 'message_stop');
  res.end();
}

/** The same reply as one JSON message, for a request without `stream: true`. */
function wholeReply(res: ServerResponse, reply: StreamedReply, model: string, n: number): void {
  if (reply.kind === 'hold') return staySilent(res, false);
  if (reply.kind === 'cut') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"id":"msg_mock_');
    cutStream(res);
    return;
  }
  const content: unknown[] = [];
  const text = reply.kind === 'write' ? undefined : reply.kind === 'shell' ? reply.text : reply.deltas.join('');
  if (text) content.push({ type: 'text', text });
  const tool = toolOf(reply);
  if (tool) content.push({ type: 'tool_use', id: `toolu_mock_${n}`, name: tool.name, input: tool.input });
  writeJson(res, 200, {
    id: `msg_mock_${n}`, type: 'message', role: 'assistant', model, content,
    stop_reason: tool ? 'tool_use' : 'end_turn', stop_sequence: null, usage: usage(120, 25),
  });
}

function errorReply(res: ServerResponse, status: number, message: string): void {
  const type = ERROR_TYPES[status] ?? 'api_error';
  writeJson(res, status, { type: 'error', error: { type, message } }, { 'request-id': 'req_mock', 'retry-after': '0' });
}

/** Starts the mock on 127.0.0.1; `replies` answer the CLI's streaming turn requests in order. */
export async function startAnthropicMock(replies: MockReply[]): Promise<MockApi> {
  const script = new ReplyScript(replies);
  let served = 0;
  const server = await startMockServer((request, res) => {
    const body = request.body as MessagesBody | undefined;
    if (request.url.includes('count_tokens')) {
      writeJson(res, 200, { input_tokens: 120 });
      return;
    }
    if (!isTurnRequest(request)) {
      writeJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: `mock: no route for ${request.method} ${request.url}` } });
      return;
    }
    const reply = script.next();
    served += 1;
    if (!reply) return errorReply(res, 400, EXHAUSTED_MESSAGE);
    if (reply.kind === 'error') return errorReply(res, reply.status, reply.message);
    if (reply.kind === 'hang') return staySilent(res, reply.headers);
    if (body?.stream === true) streamReply(res, reply, body.model ?? 'claude-mock', served);
    else wholeReply(res, reply, body?.model ?? 'claude-mock', served);
  });
  return Object.assign(server, { script, turnRequests: () => server.requests.filter(isTurnRequest) });
}
