/**
 * The simulated agent ships with troupe and speaks Claude Code's stream-json with Claude's
 * flags, so it reuses Claude's argument builder and parser; it runs under this Node.
 */
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT, SIM_AGENT_SCRIPT } from '../paths.js';
import { TROUPE_VERSION } from '../version.js';
import { claudeArgs, encodeClaudeUserMessage } from './claude-args.js';
import { createClaudeControlDriver } from './claude-control.js';
import { createClaudeParser } from './claude-parser.js';
import type { BackendPlugin, BackendStatus } from './types.js';

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

async function packageVersion(): Promise<string> {
  try {
    const pkg: unknown = JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
    const version = (pkg as { version?: unknown }).version;
    return typeof version === 'string' ? version : TROUPE_VERSION;
  } catch {
    return TROUPE_VERSION;
  }
}

/** `script` is the compiled entry point; another path is for running a different build. */
export function createSimBackend(script: string = SIM_AGENT_SCRIPT): BackendPlugin {
  const installHint = 'run npm run build';
  return {
    id: 'sim',
    displayName: 'Simulated agent',
    binary: 'troupe-sim-agent',
    installHint,
    capabilities: { resume: true, longLived: true, partialMessages: true, reportsCost: true },
    commandLine: (request) => ({
      file: process.execPath,
      args: [script, ...claudeArgs(request, 'sim')],
      stdin: request.mode === 'long-lived' ? 'pipe' : 'ignore',
    }),
    encodeUserMessage: encodeClaudeUserMessage,
    createDriver: createClaudeControlDriver,
    createParser: createClaudeParser,
    isFatalExit: () => false,
    locate: async () => ((await exists(script)) ? script : null),
    async detect(): Promise<BackendStatus> {
      const [built, version] = await Promise.all([exists(script), packageVersion()]);
      // Part of troupe itself, so always installed; only its compiled script can be missing.
      if (built) return { id: 'sim', installed: true, path: script, version };
      return { id: 'sim', installed: true, version, error: `${script} is missing: ${installHint}` };
    },
  };
}

export const simBackend: BackendPlugin = createSimBackend();
