/** One real CLI process driven by its troupe backend plugin (argv and parser), without the supervisor. */
import type { AgentChunk } from '../../../src/protocol/index.js';
import { getBackend } from '../../../src/backends/index.js';
import type { TurnRequest } from '../../../src/backends/types.js';
import type { CliSettings } from './cli-settings.js';
import { runCli, type CliRun } from './run-cli.js';
import { PROCESS_WALL_CLOCK_MS } from './timeouts.js';

export interface BackendRun extends CliRun {
  chunks: AgentChunk[];
}


export async function runBackend(
  backendId: 'claude' | 'gemini' | 'codex',
  settings: CliSettings,
  request: Omit<TurnRequest, 'extraArgs' | 'model'>,
  /** Long-lived mode: the user messages, one per turn. */
  turns?: string[],
): Promise<BackendRun> {
  const backend = getBackend(backendId);
  const command = backend.commandLine({ ...request, model: settings.model, extraArgs: settings.extraArgs });
  const encoded = turns?.map((text) => {
    if (!backend.encodeUserMessage) throw new Error(`${backendId} has no long-lived mode`);
    return backend.encodeUserMessage(text);
  });
  const run = await runCli({
    file: command.file,
    args: command.args,
    cwd: request.cwd,
    env: { ...settings.env, ...command.env },
    turns: encoded,
    wallClockMs: PROCESS_WALL_CLOCK_MS,
  });
  const parser = backend.createParser();
  return { ...run, chunks: run.lines.flatMap((line) => parser.parse(line)) };
}

/** The chunks of one kind, keeping their type (sequenced chunks stay sequenced). */
export function ofKind<C extends AgentChunk, K extends AgentChunk['kind']>(chunks: readonly C[], kind: K): Array<Extract<C, { kind: K }>> {
  return chunks.filter((chunk): chunk is Extract<C, { kind: K }> => chunk.kind === kind);
}

export function textOf(chunks: readonly AgentChunk[]): string {
  return ofKind(chunks, 'text').map((chunk) => chunk.text).join('');
}
