import type { AgentChunk, BackendId } from '../protocol/index.js';
import type { PermissionAnswer, PermissionPolicy } from '../protocol/permissions.js';

export type TurnMode = 'new' | 'resume' | 'long-lived';

export interface TurnRequest {
  prompt: string;
  mode: TurnMode;
  cliSessionId?: string;
  model?: string;
  cwd: string;
  extraArgs?: string[];
  /** Long-lived only: the CLI asks before acting, on its control protocol (see ControlDriver). */
  control?: boolean;
  /** The session's policy, mapped onto the CLI's own permission flags so the CLI and troupe agree. */
  permissions?: PermissionPolicy;
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

/** A tool call the CLI asks permission for, as its control protocol told it. */
export interface ToolPermissionAsk {
  requestId: string;
  toolName: string;
  input: unknown;
  description?: string;
  /** Rules in the CLI's syntax it suggests for "allow for this session". */
  suggestions: string[];
  toolUseId?: string;
  blockedPath?: string;
  /** The agent's own write time, when the line carries one (`ts`). */
  emittedAt?: number;
}

/** What a control line from the CLI means for the session. */
export type ControlEvent =
  | { kind: 'ask'; ask: ToolPermissionAsk }
  /** The CLI withdrew a request (an interrupt, its own timeout). */
  | { kind: 'cancel'; requestId: string }
  /** The CLI answered one of troupe's requests (initialize, interrupt). */
  | { kind: 'ack'; requestId: string; error?: string }
  /** A line to write back at once (troupe declines a request it does not serve). */
  | { kind: 'reply'; line: string };

/**
 * The CLI's bidirectional control protocol, one per agent process. Pure: lines in, events and
 * lines out; the session runner writes what it returns to the agent's stdin.
 */
export interface ControlDriver {
  /** Lines to write right after the spawn, before the first message. */
  open(): string[];
  /** A stdout line of the control protocol as events; null when the line is not one (the parser reads it). */
  read(line: string): ControlEvent[] | null;
  /** The line that answers a request; `input` is the tool input the CLI sent. */
  answer(ask: ToolPermissionAsk, answer: PermissionAnswer): string;
  /** The line that interrupts the running turn (the CLI withdraws its pending requests). */
  interrupt(): string;
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
  /** Long-lived sessions run this way unless the spec says otherwise. */
  longLivedByDefault?: boolean;
  /** The CLI's control protocol (permission requests, interrupt), for long-lived processes. */
  createDriver?(): ControlDriver;
  createParser(): LineParser;
  /** Exit codes after which restarting cannot help (auth, config, untrusted folder). */
  isFatalExit(code: number | null): boolean;
  /** Fast: is the binary on PATH (async, no spawn). Returns its absolute path or null. */
  locate(env?: NodeJS.ProcessEnv): Promise<string | null>;
  /** locate + `--version` (with a short timeout). error holds the install hint when missing. */
  detect(env?: NodeJS.ProcessEnv): Promise<BackendStatus>;
}
