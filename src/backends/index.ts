export type {
  BackendPlugin,
  BackendStatus,
  CommandLine,
  LineParser,
  TurnMode,
  TurnRequest,
} from './types.js';
export { getBackend, listBackends, detectBackends } from './registry.js';
export { claudeBackend } from './claude.js';
export { geminiBackend, geminiArgs } from './gemini.js';
export { codexBackend, codexArgs } from './codex.js';
export { simBackend, createSimBackend } from './sim.js';
export { claudeArgs, encodeClaudeUserMessage } from './claude-args.js';
export { createClaudeParser } from './claude-parser.js';
export { createGeminiParser } from './gemini-parser.js';
export { createCodexParser } from './codex-parser.js';
export { locateBinary } from './locate-binary.js';
export { detectCli, parseVersion, VERSION_TIMEOUT_MS } from './detect-cli.js';
