/** Fake but plausible tool calls (Bash ls, Read, Grep, git status) and what they "returned". */
import type { Rng } from './rng.js';

export interface ToolCall {
  name: string;
  input: Record<string, unknown>;
  /** The tool_result text the model sees. */
  output: string;
  /** Claude's structured `tool_use_result` for the same call. */
  toolUseResult: Record<string, unknown>;
  /** Asks before it runs: a person's approval, or a person's answer (AskUserQuestion). */
  needs?: 'approval' | 'answer';
  /** What the tool does when it runs (the edit-files knob writes real files). */
  run?: () => void;
  isError?: boolean;
}

const ROOT_ENTRIES = ['README.md', 'package.json', 'src', 'tests', 'tsconfig.json', 'docs', 'scripts', '.gitignore', 'CHANGELOG.md', 'LICENSE'];
const MODULES = ['index', 'config', 'session', 'store', 'routes', 'format', 'queue', 'retry'];
const SOURCE_LINES = [
  "import { readFile } from 'node:fs/promises';",
  '',
  'export interface Options {',
  '  retries: number;',
  '  timeoutMs: number;',
  '}',
  '',
  'export async function load(path: string, options: Options): Promise<string> {',
  "  const text = await readFile(path, 'utf8');",
  '  return text.trim();',
  '}',
];

export function bashResult(command: string, description: string, stdout: string): ToolCall {
  return {
    name: 'Bash',
    input: { command, description },
    output: stdout,
    toolUseResult: { stdout, stderr: '', interrupted: false, isImage: false, noOutputExpected: false },
  };
}

export function listFiles(rng: Rng): ToolCall {
  const entries = ROOT_ENTRIES.filter((_, i) => i < 5 || rng.chance(0.5)).sort();
  return bashResult('ls', 'List files in the project root', entries.join('\n'));
}

export function gitStatus(rng: Rng): ToolCall {
  const changed = [` M src/${rng.pick(MODULES)}.ts`, ` M tests/${rng.pick(MODULES)}.test.ts`, '?? notes.md'];
  return bashResult('git status --short', 'Show working tree status', changed.slice(0, rng.int(1, 3)).join('\n'));
}

export function readFileCall(rng: Rng, cwd: string): ToolCall {
  const filePath = `${cwd}/src/${rng.pick(MODULES)}.ts`;
  const content = SOURCE_LINES.join('\n');
  const numbered = SOURCE_LINES.map((line, i) => `${String(i + 1).padStart(6)}\t${line}`).join('\n');
  return {
    name: 'Read',
    input: { file_path: filePath },
    output: numbered,
    toolUseResult: {
      type: 'text',
      file: { filePath, content, numLines: SOURCE_LINES.length, startLine: 1, totalLines: SOURCE_LINES.length },
    },
  };
}

export function grepCall(rng: Rng): ToolCall {
  const pattern = rng.pick(['TODO', 'export function', 'timeoutMs', 'retries']);
  const files = [`src/${rng.pick(MODULES)}.ts`, `src/${rng.pick(MODULES)}.ts`].filter((f, i, all) => all.indexOf(f) === i);
  return {
    name: 'Grep',
    input: { pattern, output_mode: 'files_with_matches' },
    output: `Found ${files.length} file${files.length === 1 ? '' : 's'}\n${files.join('\n')}`,
    toolUseResult: { mode: 'files_with_matches', filenames: files, numFiles: files.length },
  };
}

/** The k-th tool call of a turn: first a look around, then a read, then anything. */
export function toolCall(rng: Rng, k: number, cwd: string): ToolCall {
  if (k === 0) return listFiles(rng);
  if (k === 1) return readFileCall(rng, cwd);
  return rng.pick([listFiles, gitStatus, grepCall, (r: Rng) => readFileCall(r, cwd)])(rng);
}

/** A log file dump, padded later to make one very long line. */
export function hugeOutputCall(): ToolCall {
  return bashResult('cat logs/app.log', 'Show the application log', '');
}

/** Log-like padding of exactly `size` characters that JSON needs not escape. */
export function logPadding(size: number): string {
  const unit = 'GET /api/items 200 12ms; ';
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}
