/**
 * Models offered in the dashboard's start dialog, per backend: the names each CLI's `--model`
 * accepts (Claude's aliases track the newest of each family). Suggestions only: any model name
 * can be typed (it is checked against MODEL_NAME when the command line is built).
 */
import type { BackendId } from '../protocol/ids.js';

export const MODEL_SUGGESTIONS: Record<BackendId, readonly string[]> = {
  claude: ['sonnet', 'opus', 'haiku'],
  gemini: ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite'],
  codex: ['gpt-5', 'gpt-5-codex', 'o4-mini'],
  sim: ['claude-sim-sonnet', 'claude-sim-opus'],
};
