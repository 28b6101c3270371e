/** Runs a real CLI directly (no troupe), with a wall-clock limit, and collects its JSON lines. */
import { createInterface } from 'node:readline';
import { execa } from 'execa';

export interface CliRun {
  exitCode: number | undefined;
  timedOut: boolean;
  /** stdout lines as written. */
  lines: string[];
  /** stdout lines parsed as JSON (a non-JSON line is kept as `{ unparsed: line }`). */
  events: Array<Record<string, unknown>>;
  stderr: string;
}

export interface RunOptions {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /**
   * Long-lived mode: stdin lines, one per turn. The first is written at once, each next one
   * after a `result` event, and stdin closes after the last turn's result.
   */
  turns?: string[];
  wallClockMs: number;
}

function parse(line: string): Record<string, unknown> {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { unparsed: line };
  }
}

export async function runCli(options: RunOptions): Promise<CliRun> {
  const turns = [...(options.turns ?? [])];
  const subprocess = execa(options.file, options.args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdin: turns.length > 0 ? 'pipe' : 'ignore',
    timeout: options.wallClockMs,
    killSignal: 'SIGKILL',
    reject: false,
    buffer: { stdout: false, stderr: true },
  });
  const events: Array<Record<string, unknown>> = [];
  const lines: string[] = [];
  const feedNext = () => {
    const next = turns.shift();
    if (next === undefined) subprocess.stdin?.end();
    else subprocess.stdin?.write(next);
  };
  if (turns.length > 0) feedNext();
  for await (const line of createInterface({ input: subprocess.stdout! })) {
    if (line.trim() === '') continue;
    lines.push(line);
    const event = parse(line);
    events.push(event);
    if (options.turns && event.type === 'result') feedNext();
  }
  const result = await subprocess;
  return { exitCode: result.exitCode, timedOut: result.timedOut, lines, events, stderr: String(result.stderr ?? '') };
}
