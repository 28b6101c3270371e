/** Claude Code's argv, shared with the simulated agent (which takes the same flags). */
import type { BackendId } from '../protocol/index.js';
import { claudePermissionArgs } from './claude-permission-args.js';
import { modelArgs, promptArgument, requireCliSessionId, requirePrompt, resumeArgs } from './turn-args.js';
import type { TurnRequest } from './types.js';

const STREAM_JSON_OUT = ['--output-format', 'stream-json', '--verbose'];

export function claudeArgs(request: TurnRequest, backend: BackendId = 'claude'): string[] {
  const extra = request.extraArgs ?? [];
  const model = modelArgs('--model', request.model);
  if (request.mode === 'long-lived') {
    // --input-format only works with --print; turns then arrive as stdin lines.
    const resume = resumeArgs(backend, request.cliSessionId);
    const permissions = claudePermissionArgs(request.permissions, request.control === true);
    return ['-p', '--input-format', 'stream-json', ...STREAM_JSON_OUT, ...model, ...resume, ...permissions, ...extra];
  }
  requirePrompt(backend, request);
  const resume = request.mode === 'resume' ? ['--resume', requireCliSessionId(backend, request)] : [];
  // The prompt comes right after -p: --allowedTools takes every word after it.
  return ['-p', promptArgument(request.prompt), ...STREAM_JSON_OUT, ...model, ...resume, ...claudePermissionArgs(request.permissions, false), ...extra];
}

/** One stream-json input line: a user message that starts the next turn. */
export function encodeClaudeUserMessage(text: string): string {
  return `${JSON.stringify({ type: 'user', message: { role: 'user', content: text } })}\n`;
}
