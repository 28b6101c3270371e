/** Gemini CLI: one headless process per turn; resume by session uuid (per project folder). */
import { detectCli } from './detect-cli.js';
import { createGeminiParser } from './gemini-parser.js';
import { locateBinary } from './locate-binary.js';
import {
  modelArgs,
  promptArgument,
  rejectLongLived,
  requireCliSessionId,
  requirePrompt,
} from './turn-args.js';
import type { BackendPlugin, TurnRequest } from './types.js';

const identity = {
  id: 'gemini',
  binary: 'gemini',
  installHint: 'npm install -g @google/gemini-cli',
} as const;

/** 41 auth, 42 bad input (e.g. unknown resume id), 52 config, 55 untrusted folder. */
const FATAL_EXIT_CODES = new Set([41, 42, 52, 55]);

export function geminiArgs(request: TurnRequest): string[] {
  rejectLongLived(identity.id, request);
  requirePrompt(identity.id, request);
  // Without --skip-trust a headless run in an untrusted folder exits 55.
  const args = ['-p', promptArgument(request.prompt), '-o', 'stream-json', '--skip-trust'];
  args.push(...modelArgs('-m', request.model));
  if (request.mode === 'resume') args.push('--resume', requireCliSessionId(identity.id, request));
  return [...args, ...(request.extraArgs ?? [])];
}

export const geminiBackend: BackendPlugin = {
  ...identity,
  displayName: 'Gemini CLI',
  capabilities: { resume: true, longLived: false, partialMessages: true, reportsCost: false },
  // -p appends stdin to the prompt: never leave a pipe open.
  commandLine: (request) => ({ file: identity.binary, args: geminiArgs(request), stdin: 'ignore' }),
  createParser: createGeminiParser,
  isFatalExit: (code) => code !== null && FATAL_EXIT_CODES.has(code),
  locate: (env) => locateBinary(identity.binary, env),
  detect: (env) => detectCli(identity, env),
};
