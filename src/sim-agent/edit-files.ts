/**
 * The `edit-files` knob: the simulated agent really creates or changes files
 * (`notes/<first topic>-<k>.md`), inside its working directory only, so a session has changes to review and merge. Each edit is an Edit (or Write)
 * tool call whose effect happens when the tool "runs". A path that would leave the working
 * directory (a symlinked folder or file in the project) is refused, and the tool result says so.
 */
import { closeSync, constants, mkdirSync, openSync, realpathSync, writeSync, existsSync, lstatSync } from 'node:fs';
import { dirname, join, relative, isAbsolute, sep } from 'node:path';
import type { ToolCall } from './tool-calls.js';

export const EDIT_FOLDER = 'notes';

export interface EditPlan {
  cwd: string;
  /** The files are named after it (the conversation's first topic): the same across its turns. */
  subject: string;
  /** Files to create or change this turn. */
  count: number;
  turn: number;
  /** Who wrote it: the conversation's id, so two sessions never write the same text. */
  author: string;
  topic: string;
}

/** The edits of one turn, as tool calls with their effect attached. */
export function editCalls(plan: EditPlan): ToolCall[] {
  const calls: ToolCall[] = [];
  for (let k = 1; k <= plan.count; k++) {
    const rel = `${EDIT_FOLDER}/${slug(plan.subject)}-${k}.md`;
    const filePath = join(plan.cwd, rel);
    const exists = existsSync(filePath);
    const text = `- turn ${plan.turn} of ${plan.author.slice(0, 8)}: ${plan.topic}\n`;
    const header = `# ${plan.topic}\n\nNotes the simulated agent keeps for session ${plan.author}.\n\n`;
    const call: ToolCall = exists
      ? { name: 'Edit', input: { file_path: filePath, old_string: '', new_string: text }, output: `The file ${filePath} has been updated.`, toolUseResult: { filePath, newString: text } }
      : { name: 'Write', input: { file_path: filePath, content: header + text }, output: `File created successfully at: ${filePath}`, toolUseResult: { type: 'create', filePath } };
    call.run = () => {
      const refused = writeInside(plan.cwd, rel, exists ? text : header + text);
      if (refused) {
        call.output = refused;
        call.isError = true;
      }
    };
    calls.push(call);
  }
  return calls;
}

/** `Single-page checkout form` -> `single-page-checkout-form`: a plain file name, never empty. */
export function slug(text: string): string {
  const plain = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return plain === '' ? 'notes' : plain;
}

/** Appends `text` to `rel` under `cwd`; a message instead when the file would land outside it. */
export function writeInside(cwd: string, rel: string, text: string): string | null {
  const root = realpathSync(cwd);
  const target = join(root, rel);
  if (!isInside(root, target)) return `refused: ${rel} is outside the working directory`;
  try {
    mkdirInside(root, dirname(target));
    const folder = realpathSync(dirname(target));
    if (folder !== root && !isInside(root, folder)) return `refused: ${rel} leads outside the working directory (to ${folder})`;
    if (existsSync(target) && lstatSync(target).isSymbolicLink()) return `refused: ${rel} is a symbolic link`;
    // O_NOFOLLOW: a link put there meanwhile is refused too.
    const fd = openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_NOFOLLOW, 0o644);
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    return null;
  } catch (error) {
    return `refused: ${rel}: ${(error as Error).message}`;
  }
}

/** Each level is made only after the one above resolved inside `root`. */
function mkdirInside(root: string, folder: string): void {
  const parts = relative(root, folder).split(sep).filter(Boolean);
  let level = root;
  for (const part of parts) {
    level = join(level, part);
    if (!existsSync(level)) mkdirSync(level);
    const real = realpathSync(level);
    if (real !== root && !isInside(root, real)) throw new Error(`${relative(root, level)} leads outside the working directory (to ${real})`);
    level = real;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel.length > 0 && !isAbsolute(rel) && !rel.split(sep).includes('..');
}
