/** Claude Code's tool names, by what they do: what a permission mode lets through. */

/** Tools that change files (acceptEdits lets these through). */
export const EDIT_TOOLS: ReadonlySet<string> = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);

/** Tools that only read (a read-only session may still use them). */
export const READ_TOOLS: ReadonlySet<string> = new Set(['Read', 'Glob', 'Grep', 'LS', 'NotebookRead', 'WebSearch', 'WebFetch', 'TodoWrite', 'ToolSearch']);

/** The tool an agent asks a person a question with; its answer is a choice, never an approval. */
export const QUESTION_TOOL = 'AskUserQuestion';

/** The input field that names the file a file tool works on. */
export function filePathOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const record = input as Record<string, unknown>;
  for (const key of ['file_path', 'notebook_path', 'path']) {
    if (typeof record[key] === 'string') return record[key] as string;
  }
  return undefined;
}

export function stringInput(input: unknown, key: string): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const value = (input as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
