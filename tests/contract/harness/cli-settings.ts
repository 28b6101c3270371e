/**
 * The tested offline settings of each real CLI (docs/agent-clis.md, last section): its env and
 * extra arguments to talk to a loopback mock API, never to the vendor, with retries turned off
 * so an API error ends the turn at once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { agentBins, type RealCli } from './agent-bins.js';

export interface CliSettings {
  env: Record<string, string>;
  /** Arguments for every turn (permissions, mock provider). */
  extraArgs: string[];
  /** A model that exists in this CLI's tables and is offered a shell tool. */
  model: string;
}

/** PATH with the pinned CLIs first (the gemini and codex launchers need `node` from PATH too). */
export function pathWithClis(): string {
  return [agentBins().binDir, process.env.PATH ?? ''].join(delimiter);
}

/** Also pins the config folders a developer's environment could point elsewhere. */
function baseEnv(home: string): Record<string, string> {
  // Codex refuses a CODEX_HOME that does not exist. The CLIs' temp files (Claude's per-project
  // folders, Gemini's error reports) stay in the throwaway folder too.
  for (const dir of ['.claude', '.codex', 'tmp']) mkdirSync(join(home, dir), { recursive: true });
  return {
    HOME: home,
    TMPDIR: join(home, 'tmp'),
    PATH: pathWithClis(),
    NO_COLOR: '1',
    CLAUDE_CONFIG_DIR: join(home, '.claude'),
    CODEX_HOME: join(home, '.codex'),
  };
}

export function claudeSettings(apiUrl: string, home: string): CliSettings {
  return {
    env: {
      ...baseEnv(home),
      ANTHROPIC_BASE_URL: apiUrl,
      ANTHROPIC_API_KEY: 'sk-ant-mock-key',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      DISABLE_TELEMETRY: '1',
      DISABLE_AUTOUPDATER: '1',
      CLAUDE_CODE_MAX_RETRIES: '0',
    },
    extraArgs: ['--allowedTools', 'Bash'],
    model: 'claude-sonnet-4-5',
  };
}

export function geminiSettings(apiUrl: string, home: string): CliSettings {
  mkdirSync(join(home, '.gemini'), { recursive: true });
  // API-key auth without a prompt; one attempt per request so an HTTP error ends the turn.
  const settings = { security: { auth: { selectedType: 'gemini-api-key' } }, general: { maxAttempts: 1 } };
  writeFileSync(join(home, '.gemini', 'settings.json'), JSON.stringify(settings));
  return {
    env: { ...baseEnv(home), GOOGLE_GEMINI_BASE_URL: apiUrl, GEMINI_API_KEY: 'gemini-mock-key' },
    // The shell tool is only offered to the model in yolo mode.
    extraArgs: ['--approval-mode', 'yolo'],
    model: 'gemini-2.5-flash',
  };
}

export function codexSettings(apiUrl: string, home: string): CliSettings {
  const provider = `{name="mock",base_url="${apiUrl}/v1",wire_api="responses",env_key="MOCK_KEY",supports_websockets=false,request_max_retries=0,stream_max_retries=0}`;
  return {
    env: { ...baseEnv(home), MOCK_KEY: 'codex-mock-key' },
    extraArgs: ['-c', 'model_provider="mock"', '-c', `model_providers.mock=${provider}`],
    model: 'gpt-5.5',
  };
}

export function cliSettings(cli: RealCli, apiUrl: string, home: string): CliSettings {
  if (cli === 'claude') return claudeSettings(apiUrl, home);
  if (cli === 'gemini') return geminiSettings(apiUrl, home);
  return codexSettings(apiUrl, home);
}
