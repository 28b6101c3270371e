/**
 * Claude Code's command line, as far as the simulated agent needs it. Flags Claude knows but the
 * agent does not use are skipped together with their values, so they are never taken for the
 * prompt; unknown flags are ignored. `--sim-<knob>` flags are the agent's own.
 */
import { troupeError } from '../errors/troupe-error.js';
import { isBooleanKnob, isBooleanWord, isKnobName, type KnobName } from './knobs.js';

export interface SimArgs {
  prompt?: string;
  outputFormat?: string;
  inputFormat?: string;
  verbose: boolean;
  /** `--resume <id>`; true when the flag came without an id. */
  resume?: string | true;
  sessionId?: string;
  model?: string;
  includePartialMessages: boolean;
  permissionMode?: string;
  /** `stdio`: permission requests go to the client on the control protocol. */
  permissionPromptTool?: string;
  skipPermissions: boolean;
  forkSession: boolean;
  help: boolean;
  version: boolean;
  simFlags: Map<KnobName, string | true>;
}

type Arity = 'none' | 'one' | 'optional' | 'many';

/** Claude's options by arity (from `claude --help`); every alias listed. */
const ARITY: Record<string, Arity> = {
  '-p': 'none', '--print': 'none', '--verbose': 'none', '-h': 'none', '--help': 'none',
  '-v': 'none', '--version': 'none', '-c': 'none', '--continue': 'none',
  '--include-partial-messages': 'none', '--fork-session': 'none',
  '--dangerously-skip-permissions': 'none',
  '--output-format': 'one', '--input-format': 'one', '--model': 'one', '--session-id': 'one',
  '--permission-mode': 'one', '--agent': 'one', '--agents': 'one', '--append-system-prompt': 'one',
  '--append-system-prompt-file': 'one', '--system-prompt': 'one', '--system-prompt-file': 'one',
  '--autocompact': 'one', '--debug-file': 'one', '--effort': 'one', '--environment': 'one',
  '--fallback-model': 'one', '--json-schema': 'one', '--max-budget-usd': 'one', '--max-turns': 'one',
  '-n': 'one', '--name': 'one', '--permission-prompts': 'one', '--permission-prompt-tool': 'one',
  '--plugin-dir': 'one', '--plugin-url': 'one', '--remote-control-session-name-prefix': 'one',
  '--setting-sources': 'one', '--settings': 'one', '--system-prompt-snapshot': 'one',
  '-r': 'optional', '--resume': 'optional', '-d': 'optional', '--debug': 'optional',
  '--cloud': 'optional', '--from-pr': 'optional', '--prompt-suggestions': 'optional',
  '--remote-control': 'optional', '--teleport': 'optional', '-w': 'optional', '--worktree': 'optional',
  '--add-dir': 'many', '--allowedTools': 'many', '--allowed-tools': 'many', '--betas': 'many',
  '--disallowedTools': 'many', '--disallowed-tools': 'many', '--file': 'many', '--mcp-config': 'many',
  '--tools': 'many',
};

const isOption = (arg: string | undefined): boolean => arg !== undefined && arg.startsWith('-') && arg !== '-';

function usageError(message: string) {
  return troupeError('INVALID_ARGUMENT', message);
}

export function parseArgs(argv: readonly string[]): SimArgs {
  const args: SimArgs = {
    verbose: false,
    includePartialMessages: false,
    skipPermissions: false,
    forkSession: false,
    help: false,
    version: false,
    simFlags: new Map(),
  };
  const positionals: string[] = [];
  const values = new Map<string, string | true>();

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!isOption(arg)) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;

    if (name.startsWith('--sim-')) {
      const knob = name.slice('--sim-'.length);
      if (!isKnobName(knob)) throw usageError(`troupe-sim-agent: unknown knob ${name}`);
      if (inline !== undefined) {
        args.simFlags.set(knob, inline);
      } else if (isBooleanKnob(knob)) {
        const next = argv[i + 1];
        if (next !== undefined && isBooleanWord(next)) {
          args.simFlags.set(knob, next);
          i++;
        } else {
          args.simFlags.set(knob, true);
        }
      } else {
        const next = argv[i + 1];
        if (next === undefined) throw usageError(`troupe-sim-agent: ${name} needs a value`);
        args.simFlags.set(knob, next);
        i++;
      }
      continue;
    }

    const arity = ARITY[name] ?? 'none';
    if (inline !== undefined || arity === 'none') {
      values.set(name, inline ?? true);
      continue;
    }
    if (arity === 'one') {
      const next = argv[i + 1];
      if (next === undefined) throw usageError(`error: option '${name}' argument missing`);
      values.set(name, next);
      i++;
    } else if (arity === 'optional') {
      const next = argv[i + 1];
      if (next !== undefined && !isOption(next)) {
        values.set(name, next);
        i++;
      } else {
        values.set(name, true);
      }
    } else {
      // Variadic, like commander: every following non-option argument belongs to it.
      while (i + 1 < argv.length && !isOption(argv[i + 1])) i++;
      values.set(name, true);
    }
  }

  const text = (...names: string[]): string | undefined => {
    for (const n of names) {
      const v = values.get(n);
      if (typeof v === 'string') return v;
    }
    return undefined;
  };
  const flag = (...names: string[]): boolean => names.some((n) => values.has(n));

  args.outputFormat = text('--output-format');
  args.inputFormat = text('--input-format');
  args.verbose = flag('--verbose');
  args.sessionId = text('--session-id');
  args.model = text('--model');
  args.permissionMode = text('--permission-mode');
  args.permissionPromptTool = text('--permission-prompt-tool');
  args.includePartialMessages = flag('--include-partial-messages');
  args.skipPermissions = flag('--dangerously-skip-permissions');
  args.forkSession = flag('--fork-session');
  args.help = flag('-h', '--help');
  args.version = flag('-v', '--version');
  if (flag('-r', '--resume')) args.resume = text('-r', '--resume') ?? true;
  if (positionals.length > 0) args.prompt = positionals.join(' ');
  return args;
}
