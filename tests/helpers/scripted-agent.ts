/**
 * An AgentHost whose agents are scripted by the test: no process is spawned. Each spawn becomes a
 * ScriptedAgent the test drives (print lines, write stderr, exit), or that runs a script by itself.
 * Lines are Claude stream-json, as the simulated backend's parser reads them.
 */
import { readFileSync } from 'node:fs';
import type { CommandLine } from '../../src/backends/types.js';
import type { AgentExit, AgentProcess, AgentProcessEvents } from '../../src/workers/agent-process.js';
import type { AgentHost, SpawnOptions } from '../../src/workers/agent-host.js';

export const claudeLine = {
  init: (sessionId: string) => JSON.stringify({ type: 'system', subtype: 'init', session_id: sessionId, model: 'claude-sim', cwd: '/p', tools: [] }),
  text: (text: string) => JSON.stringify({ type: 'assistant', message: { id: 'm', role: 'assistant', content: [{ type: 'text', text }] } }),
  result: (ok = true) =>
    JSON.stringify({ type: 'result', subtype: 'success', is_error: !ok, result: ok ? 'done' : 'API Error: 401', session_id: 's', total_cost_usd: 0.001, usage: { input_tokens: 10, output_tokens: 5 } }),
  /** The control protocol: the CLI asks before it runs a command (as Claude Code 2.1.329 does). */
  canUseTool: (requestId: string, command: string, suggestion = `Bash(${command})`) =>
    JSON.stringify({
      type: 'control_request',
      request_id: requestId,
      request: {
        subtype: 'can_use_tool',
        tool_name: 'Bash',
        input: { command, description: 'Run it' },
        permission_suggestions: [{ type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: suggestion.slice(5, -1) }], behavior: 'allow', destination: 'localSettings' }],
        tool_use_id: `toolu_${requestId}`,
      },
    }),
  cancel: (requestId: string) => JSON.stringify({ type: 'control_cancel_request', request_id: requestId }),
  /** How Claude ends a turn a person interrupted while a request was pending. */
  interrupted: () =>
    JSON.stringify({ type: 'result', subtype: 'error_during_execution', is_error: true, terminal_reason: 'aborted_tools', errors: ['[ede_diagnostic] stop_reason=tool_use'], session_id: 's', usage: { input_tokens: 1, output_tokens: 1 } }),
};

/** The control messages troupe wrote to a scripted agent's stdin, parsed. */
export function controlWrites(agent: ScriptedAgent): { type: string; request_id?: string; request?: { subtype: string }; response?: { request_id: string; response: { behavior?: string; message?: string; updatedInput?: unknown } } }[] {
  return agent.stdin.flatMap((text) => text.split('\n')).filter((line) => line.includes('"control_')).map((line) => JSON.parse(line));
}

export class ScriptedAgent implements AgentProcess {
  readonly exited: Promise<AgentExit>;
  readonly stdin: string[] = [];
  readonly signals: string[] = [];
  private resolveExit!: (exit: AgentExit) => void;
  private done = false;

  constructor(
    readonly pid: number,
    readonly command: CommandLine,
    private readonly events: AgentProcessEvents,
  ) {
    this.exited = new Promise((resolve) => {
      this.resolveExit = resolve;
    });
  }

  get alive(): boolean {
    return !this.done;
  }

  print(...lines: string[]): void {
    for (const line of lines) if (!this.done) this.events.stdoutLine(line);
  }

  stderr(line: string): void {
    if (!this.done) this.events.stderrLine(line);
  }

  exit(code: number | null, signal: string | null = null): void {
    if (this.done) return;
    this.done = true;
    this.resolveExit({ code, signal });
  }

  /** A whole good turn of a one-shot CLI: init, some text, a successful result, exit 0. */
  answer(sessionId: string, text = 'ok'): void {
    this.print(claudeLine.init(sessionId), claudeLine.text(text), claudeLine.result(true));
    this.exit(0);
  }

  writeStdin(text: string): boolean {
    this.stdin.push(text);
    return true;
  }

  closeStdin(): void {}
}

export class ScriptedHost implements AgentHost {
  readonly agents: ScriptedAgent[] = [];
  /** Runs on every spawn: what the new agent does by itself (nothing by default: the test drives it). */
  onSpawn: (agent: ScriptedAgent, index: number) => void = () => {};
  // Above pid_max: no real process can have these pids, so nothing real is ever signalled.
  private nextPid = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) + 1_000;

  spawn(command: CommandLine, _options: SpawnOptions, events: AgentProcessEvents): AgentProcess {
    const agent = new ScriptedAgent(this.nextPid++, command, events);
    this.agents.push(agent);
    this.onSpawn(agent, this.agents.length - 1);
    return agent;
  }

  signalGroup(pgid: number, signal: NodeJS.Signals): void {
    const agent = this.agents.find((a) => a.pid === pgid);
    agent?.signals.push(signal);
    if (signal === 'SIGINT') agent?.exit(130, null);
  }

  async terminateTree(pid: number): Promise<void> {
    const agent = this.agents.find((a) => a.pid === pid);
    agent?.signals.push('SIGTERM');
    agent?.exit(null, 'SIGTERM');
  }

  async listGroup(): Promise<number[]> {
    return [];
  }

  register(): void {}
  unregister(): void {}
  lowerPriority(): void {}

  get last(): ScriptedAgent {
    const agent = this.agents.at(-1);
    if (!agent) throw new Error('no agent spawned yet');
    return agent;
  }
}
