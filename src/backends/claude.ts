/** Claude Code: one process per turn, or one long-lived process fed stream-json turns on stdin. */
import { claudeArgs, encodeClaudeUserMessage } from './claude-args.js';
import { createClaudeControlDriver } from './claude-control.js';
import { createClaudeParser } from './claude-parser.js';
import { detectCli } from './detect-cli.js';
import { locateBinary } from './locate-binary.js';
import type { BackendPlugin } from './types.js';

const identity = {
  id: 'claude',
  binary: 'claude',
  installHint: 'npm install -g @anthropic-ai/claude-code',
} as const;

export const claudeBackend: BackendPlugin = {
  ...identity,
  displayName: 'Claude Code',
  capabilities: { resume: true, longLived: true, partialMessages: true, reportsCost: true },
  commandLine: (request) => ({
    file: identity.binary,
    args: claudeArgs(request, identity.id),
    // With an open pipe and no stream-json input, claude waits for stdin before starting.
    stdin: request.mode === 'long-lived' ? 'pipe' : 'ignore',
  }),
  encodeUserMessage: encodeClaudeUserMessage,
  // One process per session on the control protocol; `longLived: false` for CLIs without it.
  longLivedByDefault: true,
  createDriver: createClaudeControlDriver,
  createParser: createClaudeParser,
  // Claude exits 1 for every failure (auth included): the exit code alone never says "hopeless".
  isFatalExit: () => false,
  locate: (env) => locateBinary(identity.binary, env),
  detect: (env) => detectCli(identity, env),
};
