/**
 * The OpenAI Responses API, as Codex calls it: `POST /v1/responses` with `stream: true`,
 * answered with response.created, response.output_item.added/done, response.output_text.delta,
 * response.function_call_arguments.delta and response.completed.
 */
import type { ServerResponse } from 'node:http';
import { startMockServer, type MockApi, type RecordedRequest } from './mock-server.js';
import { EXHAUSTED_MESSAGE, ReplyScript, type MockReply, type StreamedReply } from './script.js';
import { cutStream, startEventStream, staySilent, writeEvent, writeJson } from './sse.js';

const ERROR_CODES: Record<number, { type: string; code: string }> = {
  400: { type: 'invalid_request_error', code: 'invalid_request' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
  500: { type: 'server_error', code: 'server_error' },
};

interface ResponsesBody {
  model?: string;
  stream?: boolean;
  tools?: ToolSpec[];
  input?: Array<{ type?: string; tools?: ToolSpec[] }>;
}

interface ToolSpec {
  type?: string;
  name?: string;
  tools?: ToolSpec[];
}

function isTurnRequest(request: RecordedRequest): boolean {
  return request.method === 'POST' && request.url.startsWith('/v1/responses');
}

/** Every tool name offered, top-level and in namespaces, wherever this Codex version puts them. */
function offeredTools(body: ResponsesBody): string[] {
  const names: string[] = [];
  const walk = (tools: ToolSpec[] | undefined) => {
    for (const tool of tools ?? []) {
      if (tool.name) names.push(tool.name);
      walk(tool.tools);
    }
  };
  walk(body.tools);
  for (const item of body.input ?? []) if (item.type === 'additional_tools') walk(item.tools);
  return names;
}

/** The call of whichever shell tool this Codex offers (they changed names and shapes over versions). */
function shellCall(body: ResponsesBody, command: string): { name: string; arguments: string } {
  const tools = offeredTools(body);
  if (tools.includes('exec_command')) return { name: 'exec_command', arguments: JSON.stringify({ cmd: command }) };
  if (tools.includes('shell_command')) return { name: 'shell_command', arguments: JSON.stringify({ command }) };
  if (tools.includes('shell')) return { name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', command] }) };
  throw new Error(`no shell tool among the offered tools (${tools.join(', ')}); pick a model that has one`);
}

const USAGE = {
  input_tokens: 1500,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 40,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 1540,
};

function streamReply(res: ServerResponse, reply: StreamedReply, body: ResponsesBody, n: number): void {
  // Resolve the tool before anything is written, so a bad request is a clean 500.
  const call = reply.kind === 'shell' ? shellCall(body, reply.command) : undefined;
  startEventStream(res);
  let seq = 0;
  const send = (type: string, data: Record<string, unknown>) => writeEvent(res, { type, sequence_number: seq++, ...data }, type);
  const id = `resp_mock_${n}`;
  const model = body.model ?? 'mock';
  const output: unknown[] = [];
  send('response.created', { response: { id, object: 'response', status: 'in_progress', model, output: [] } });
  send('response.in_progress', { response: { id, object: 'response', status: 'in_progress', model, output: [] } });

  const deltas = reply.kind === 'shell' ? (reply.text ? [reply.text] : []) : reply.deltas;
  if (deltas.length > 0) {
    const itemId = `msg_mock_${n}`;
    const index = output.length;
    send('response.output_item.added', { output_index: index, item: { id: itemId, type: 'message', status: 'in_progress', role: 'assistant', content: [] } });
    send('response.content_part.added', { item_id: itemId, output_index: index, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
    for (const delta of deltas) {
      send('response.output_text.delta', { item_id: itemId, output_index: index, content_index: 0, delta });
    }
    if (reply.kind === 'cut') {
      cutStream(res);
      return;
    }
    const text = deltas.join('');
    const part = { type: 'output_text', text, annotations: [] };
    send('response.output_text.done', { item_id: itemId, output_index: index, content_index: 0, text });
    send('response.content_part.done', { item_id: itemId, output_index: index, content_index: 0, part });
    const item = { id: itemId, type: 'message', status: 'completed', role: 'assistant', content: [part] };
    send('response.output_item.done', { output_index: index, item });
    if (reply.kind === 'hold') return; // the message item is whole, the response never completes
    output.push(item);
  } else if (reply.kind === 'cut') {
    cutStream(res);
    return;
  } else if (reply.kind === 'hold') {
    return;
  }
  if (call) {
    const itemId = `fc_mock_${n}`;
    const index = output.length;
    const item = { id: itemId, type: 'function_call', status: 'in_progress', call_id: `call_mock_${n}`, name: call.name, arguments: '' };
    send('response.output_item.added', { output_index: index, item });
    send('response.function_call_arguments.delta', { item_id: itemId, output_index: index, delta: call.arguments });
    send('response.function_call_arguments.done', { item_id: itemId, output_index: index, arguments: call.arguments });
    const done = { ...item, status: 'completed', arguments: call.arguments };
    send('response.output_item.done', { output_index: index, item: done });
    output.push(done);
  }
  send('response.completed', { response: { id, object: 'response', status: 'completed', model, output, usage: USAGE } });
  res.end();
}

function errorReply(res: ServerResponse, status: number, message: string): void {
  const { type, code } = ERROR_CODES[status] ?? { type: 'server_error', code: 'server_error' };
  writeJson(res, status, { error: { message, type, param: null, code } }, { 'x-request-id': 'req_mock' });
}

/** Starts the mock on 127.0.0.1; `replies` answer the CLI's streaming turn requests in order. */
export async function startOpenAiResponsesMock(replies: MockReply[]): Promise<MockApi> {
  const script = new ReplyScript(replies);
  let served = 0;
  const server = await startMockServer((request, res) => {
    if (request.method === 'GET' && request.url.startsWith('/v1/models')) {
      writeJson(res, 200, { object: 'list', data: [] });
      return;
    }
    if (!isTurnRequest(request)) {
      writeJson(res, 404, { error: { message: `mock: no route for ${request.method} ${request.url}`, type: 'invalid_request_error', param: null, code: 'not_found' } });
      return;
    }
    const reply = script.next();
    served += 1;
    if (!reply) return errorReply(res, 400, EXHAUSTED_MESSAGE);
    if (reply.kind === 'error') return errorReply(res, reply.status, reply.message);
    if (reply.kind === 'hang') return staySilent(res, reply.headers);
    streamReply(res, reply, (request.body ?? {}) as ResponsesBody, served);
  });
  return Object.assign(server, { script, turnRequests: () => server.requests.filter(isTurnRequest) });
}
