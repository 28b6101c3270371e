/**
 * The Gemini API, as Gemini CLI calls it: `POST /v1beta/models/<model>:streamGenerateContent?alt=sse`
 * answered with bare `data:` lines of `{candidates:[{content:{role:'model',parts}}],usageMetadata}`.
 * Non-streaming side calls (`:generateContent` for routing and checks, `:countTokens`) get fixed answers.
 */
import type { ServerResponse } from 'node:http';
import { startMockServer, type MockApi, type RecordedRequest } from './mock-server.js';
import { EXHAUSTED_MESSAGE, ReplyScript, type MockReply, type StreamedReply } from './script.js';
import { cutStream, startEventStream, staySilent, writeEvent, writeJson } from './sse.js';

const ERROR_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** The shell tool's name in Gemini CLI; only offered in yolo mode. */
export const GEMINI_SHELL_TOOL = 'run_shell_command';

function isTurnRequest(request: RecordedRequest): boolean {
  return request.method === 'POST' && request.url.includes(':streamGenerateContent');
}

function modelOf(url: string): string {
  return /models\/([^:/?]+)/.exec(url)?.[1] ?? 'gemini-mock';
}

function usageMetadata(prompt: number, candidates: number) {
  return { promptTokenCount: prompt, candidatesTokenCount: candidates, totalTokenCount: prompt + candidates };
}

function chunk(parts: unknown[], modelVersion: string, final: boolean) {
  const candidate: Record<string, unknown> = { content: { role: 'model', parts }, index: 0 };
  if (final) candidate.finishReason = 'STOP';
  return { candidates: [candidate], usageMetadata: usageMetadata(1200, final ? 20 : 0), modelVersion, responseId: 'mock-response' };
}

function streamReply(res: ServerResponse, reply: StreamedReply, model: string): void {
  startEventStream(res);
  const deltas = reply.kind === 'shell' ? (reply.text ? [reply.text] : []) : reply.deltas;
  const last = deltas.length - 1;
  deltas.forEach((text, i) => writeEvent(res, chunk([{ text }], model, reply.kind === 'text' && i === last)));
  if (reply.kind === 'cut') {
    cutStream(res);
    return;
  }
  if (reply.kind === 'hold') return; // no finishReason, no end of stream
  if (reply.kind === 'shell') {
    const call = { functionCall: { name: GEMINI_SHELL_TOOL, args: { command: reply.command, description: 'Run a command' } } };
    writeEvent(res, chunk([call], model, true));
  } else if (deltas.length === 0) {
    writeEvent(res, chunk([{ text: '' }], model, true));
  }
  res.end();
}

function errorReply(res: ServerResponse, status: number, message: string): void {
  writeJson(res, status, { error: { code: status, message, status: ERROR_STATUS[status] ?? 'UNKNOWN' } });
}

/** Starts the mock on 127.0.0.1; `replies` answer the CLI's streaming turn requests in order. */
export async function startGeminiMock(replies: MockReply[]): Promise<MockApi> {
  const script = new ReplyScript(replies);
  const server = await startMockServer((request, res) => {
    if (request.url.includes(':countTokens')) {
      writeJson(res, 200, { totalTokens: 1200 });
      return;
    }
    if (request.url.includes(':generateContent')) {
      // Side calls (model routing, next-speaker checks) want JSON text; "the user speaks next" ends the turn.
      const text = JSON.stringify({ reasoning: 'mock', next_speaker: 'user', complexity_reasoning: 'mock', complexity_score: 1 });
      writeJson(res, 200, chunk([{ text }], modelOf(request.url), true));
      return;
    }
    if (!isTurnRequest(request)) {
      writeJson(res, 404, { error: { code: 404, message: `mock: no route for ${request.method} ${request.url}`, status: 'NOT_FOUND' } });
      return;
    }
    const reply = script.next();
    if (!reply) return errorReply(res, 400, EXHAUSTED_MESSAGE);
    if (reply.kind === 'error') return errorReply(res, reply.status, reply.message);
    if (reply.kind === 'hang') return staySilent(res, reply.headers);
    streamReply(res, reply, modelOf(request.url));
  });
  return Object.assign(server, { script, turnRequests: () => server.requests.filter(isTurnRequest) });
}
