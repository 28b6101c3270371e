/** Where the setup step (scripts/setup/agent-clis.mjs) put the pinned real CLIs. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type RealCli = 'claude' | 'gemini' | 'codex';

export interface AgentBins {
  /** A folder with `claude`, `gemini` and `codex` links: put it first on PATH. */
  binDir: string;
  claude: string;
  gemini: string;
  codex: string;
  versions: Record<RealCli, string>;
}

export const BIN_PATHS_FILE = fileURLToPath(new URL('../../../.cache/agent-clis/bin-paths.json', import.meta.url));

let cached: AgentBins | undefined;

export function agentBins(): AgentBins {
  if (cached) return cached;
  if (!existsSync(BIN_PATHS_FILE)) {
    throw new Error(`${BIN_PATHS_FILE} is missing: install the pinned CLIs with 'node scripts/setup/agent-clis.mjs' (npm test does it)`);
  }
  cached = JSON.parse(readFileSync(BIN_PATHS_FILE, 'utf8')) as AgentBins;
  return cached;
}
