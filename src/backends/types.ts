import type { AgentChunk, BackendId } from '../protocol/index.js';

export type TurnMode = 'new' | 'resume' | 'long-lived';

export interface TurnRequest {
  prompt: string;
  mode: TurnMode;
  cliSessionId?: string;
  model?: string;
  cwd: string;
  extraArgs?: string[];
}

export interface CommandLine {
  file: string;
  args: string[];
  stdin: 'ignore' | 'pipe';
  env?: Record<string, string>;
}

/** Stateful per agent process (Claude partial messages need memory across lines). */
export interface LineParser {
  parse(line: string): ParsedChunk[];
}

/** A chunk as parsed; `emittedAt` is the agent's own write time when the line carries one (`ts`). */
export type ParsedChunk = AgentChunk & { emittedAt?: number };

export interface BackendStatus {
  id: BackendId;
  installed: boolean;
  path?: string;
  version?: string;
  error?: string;
}

export interface BackendPlugin {
  id: BackendId;
  displayName: string;
  binary: string;
  installHint: string;
  capabilities: { resume: boolean; longLived: boolean; partialMessages: boolean; reportsCost: boolean };
  /** argv for one turn. 'long-lived' (claude, sim only): a process fed turns on stdin; with cliSessionId it resumes. */
  commandLine(request: TurnRequest): CommandLine;
  /** One stdin line (ending in \n) carrying a user message, for long-lived mode. */
  encodeUserMessage?(text: string): string;
  createParser(): LineParser;
  /** Exit codes after which restarting cannot help (auth, config, untrusted folder). */
  isFatalExit(code: number | null): boolean;
  /** Fast: is the binary on PATH (async, no spawn). Returns its absolute path or null. */
  locate(env?: NodeJS.ProcessEnv): Promise<string | null>;
  /** locate + `--version` (with a short timeout). error holds the install hint when missing. */
  detect(env?: NodeJS.ProcessEnv): Promise<BackendStatus>;
}
