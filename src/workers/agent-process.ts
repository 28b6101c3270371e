import { execa, type ResultPromise } from 'execa';
import type { CommandLine } from '../backends/types.js';
import { ownOwnerMarkerEnv } from '../process/owner-marker.js';
import { LineSplitter } from './line-splitter.js';
import { readPipe } from './raw-pipe-reader.js';

export interface AgentProcessEvents {
  stdoutLine(line: string): void;
  stdoutOversize(bytes: number): void;
  stderrLine(line: string): void;
  /** Wraps the handling of one read, so what it produced goes out together when it is done. */
  read?(work: () => void): void;
}

export interface AgentExit {
  code: number | null;
  signal: string | null;
  /** Set when the process could not be started at all (e.g. ENOENT). */
  spawnError?: string;
}

export interface AgentProcess {
  /** pid of the agent, which is also its process group id. */
  readonly pid: number | undefined;
  readonly exited: Promise<AgentExit>;
  writeStdin(text: string): boolean;
  closeStdin(): void;
}

const MAX_STDERR_LINE_BYTES = 64 * 1024;

/** Spawns one agent CLI in its own process group and feeds its output to line handlers. */
export function spawnAgentProcess(
  command: CommandLine,
  options: { cwd: string; env: Record<string, string>; maxLineBytes: number },
  events: AgentProcessEvents,
): AgentProcess {
  const child: ResultPromise = execa(command.file, command.args, {
    cwd: options.cwd,
    // The owner marker last: it is how a later troupe proves, after a crash, that a process is ours.
    env: { ...options.env, ...command.env, ...ownOwnerMarkerEnv() },
    extendEnv: true,
    // Its own process group: the whole agent tree is stopped with one group signal.
    detached: true,
    stdin: command.stdin,
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    stripFinalNewline: false,
  });

  const stdout = new LineSplitter(options.maxLineBytes, {
    line: events.stdoutLine,
    oversize: events.stdoutOversize,
  });
  const stderr = new LineSplitter(MAX_STDERR_LINE_BYTES, {
    line: events.stderrLine,
    oversize: (bytes) => events.stderrLine(`[stderr line of ${bytes} bytes dropped]`),
  });
  const read = events.read ?? ((work: () => void) => work());
  if (child.stdout) readPipe(child.stdout, (data) => read(() => stdout.push(data)));
  if (child.stderr) readPipe(child.stderr, (data) => read(() => stderr.push(data)));
  // A closed stdin (agent exited early) must not become an uncaught error.
  child.stdin?.on('error', () => {});

  const exited = child.then((result): AgentExit => {
    stdout.end();
    stderr.end();
    const spawnFailed = result.failed && result.exitCode === undefined && !result.signal;
    return {
      code: result.exitCode ?? null,
      signal: result.signal ?? null,
      spawnError: spawnFailed ? result.shortMessage || result.message : undefined,
    };
  });

  return {
    pid: child.pid,
    exited,
    writeStdin: (text) => child.stdin?.write(text) ?? false,
    closeStdin: () => child.stdin?.end(),
  };
}
