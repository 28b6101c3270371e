/** Codex CLI: `codex exec --json`, one process per turn; resume by thread id. */
import { createCodexParser } from './codex-parser.js';
import { detectCli } from './detect-cli.js';
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
  id: 'codex',
  binary: 'codex',
  installHint: 'npm install -g @openai/codex',
} as const;

export function codexArgs(request: TurnRequest): string[] {
  rejectLongLived(identity.id, request);
  requirePrompt(identity.id, request);
  // exec options (sandbox, -c overrides, model) go before `resume`: its own options are fewer.
  const args = ['exec', '--json', '--skip-git-repo-check', ...modelArgs('-m', request.model)];
  args.push(...(request.extraArgs ?? []));
  if (request.mode === 'resume') args.push('resume', requireCliSessionId(identity.id, request));
  return [...args, promptArgument(request.prompt)];
}

export const codexBackend: BackendPlugin = {
  ...identity,
  displayName: 'Codex CLI',
  capabilities: { resume: true, longLived: false, partialMessages: false, reportsCost: false },
  // An open stdin pipe makes codex wait for more prompt text, silently and forever.
  commandLine: (request) => ({ file: identity.binary, args: codexArgs(request), stdin: 'ignore' }),
  createParser: createCodexParser,
  // Codex exits 1 for every failure; nothing in the code says a restart is hopeless.
  isFatalExit: () => false,
  locate: (env) => locateBinary(identity.binary, env),
  detect: (env) => detectCli(identity, env),
};
