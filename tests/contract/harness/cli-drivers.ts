/** Per real CLI: its backend, its mock API, its offline settings and how its shell tool shows up. */
import type { BackendId } from '../../../src/protocol/index.js';
import { startAnthropicMock } from '../mock-apis/anthropic-messages.js';
import { startGeminiMock } from '../mock-apis/gemini-generate.js';
import type { MockApi } from '../mock-apis/mock-server.js';
import { startOpenAiResponsesMock } from '../mock-apis/openai-responses.js';
import type { MockReply } from '../mock-apis/script.js';
import type { RealCli } from './agent-bins.js';
import { claudeSettings, codexSettings, geminiSettings, type CliSettings } from './cli-settings.js';

export interface CliDriver {
  cli: RealCli & BackendId;
  startApi(replies: MockReply[]): Promise<MockApi>;
  settings(apiUrl: string, home: string): CliSettings;
  /** The tool name in tool_use chunks when the model calls the shell. */
  shellTool: string;
  /**
   * What the CLI's failed turn says about an HTTP error from the API: the API's own message, or
   * for Codex its own words (it names the status of a 429 and hides a 500's message).
   */
  errorText(status: number, apiMessage: string): string | undefined;
}

const relayed = (_status: number, apiMessage: string) => apiMessage;

export const DRIVERS: Record<RealCli, CliDriver> = {
  claude: { cli: 'claude', startApi: startAnthropicMock, settings: claudeSettings, shellTool: 'Bash', errorText: relayed },
  gemini: { cli: 'gemini', startApi: startGeminiMock, settings: geminiSettings, shellTool: 'run_shell_command', errorText: relayed },
  codex: {
    cli: 'codex',
    startApi: startOpenAiResponsesMock,
    settings: codexSettings,
    shellTool: 'shell',
    errorText: (status, apiMessage) => (status === 429 ? '429 Too Many Requests' : status === 500 ? undefined : apiMessage),
  },
};

/**
 * A command whose output does not appear in its own text: seeing the output in the follow-up
 * request proves the CLI really ran it. (Gemini refuses `$(...)` and `$((...))`.)
 */
export const PROOF_COMMAND = 'echo troupe-contract-ok | tr a-z A-Z';
export const PROOF_OUTPUT = 'TROUPE-CONTRACT-OK';
