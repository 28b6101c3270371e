/** A tool call as a person judges it: one line (the command, the file, the URL) and a short preview. */
import type { PermissionQuestion, QuestionOption } from '../protocol/permissions.js';
import { filePathOf, QUESTION_TOOL, stringInput } from './tool-kinds.js';

export interface ToolCallDescription {
  summary: string;
  preview?: string;
  reason?: string;
  questions?: PermissionQuestion[];
}

const SUMMARY_CHARS = 300;
const PREVIEW_LINES = 40;
const PREVIEW_CHARS = 4000;

export function describeToolCall(toolName: string, input: unknown, description?: string): ToolCallDescription {
  const reason = stringInput(input, 'description') ?? description;
  const withReason = (d: ToolCallDescription): ToolCallDescription => (reason && reason !== d.summary ? { ...d, reason: clip(reason, SUMMARY_CHARS) } : d);
  if (toolName === QUESTION_TOOL) {
    const questions = questionsOf(input);
    return { summary: clip(questions[0]?.question ?? 'the agent asks a question', SUMMARY_CHARS), questions };
  }
  if (toolName === 'Bash') return withReason({ summary: oneLine(stringInput(input, 'command') ?? '') });
  if (toolName === 'WebFetch') {
    const prompt = stringInput(input, 'prompt');
    const summary = oneLine(stringInput(input, 'url') ?? '');
    return prompt ? { summary, reason: clip(prompt, SUMMARY_CHARS) } : withReason({ summary });
  }
  const file = filePathOf(input);
  if (toolName === 'Edit') return withReason({ summary: oneLine(file ?? ''), preview: diffPreview([{ old: stringInput(input, 'old_string'), new: stringInput(input, 'new_string') }]) });
  if (toolName === 'MultiEdit') return withReason({ summary: oneLine(file ?? ''), preview: diffPreview(editsOf(input)) });
  if (toolName === 'Write') return withReason({ summary: oneLine(file ?? ''), preview: diffPreview([{ new: stringInput(input, 'content') }]) });
  if (file !== undefined) return withReason({ summary: oneLine(file) });
  return withReason({ summary: oneLine(jsonText(input)) });
}

function editsOf(input: unknown): { old?: string; new?: string }[] {
  const edits = (input as { edits?: unknown } | null)?.edits;
  if (!Array.isArray(edits)) return [];
  return edits.map((edit) => ({ old: stringInput(edit, 'old_string'), new: stringInput(edit, 'new_string') }));
}

/** `- old` / `+ new` lines, bounded. */
function diffPreview(edits: { old?: string; new?: string }[]): string | undefined {
  const lines: string[] = [];
  for (const edit of edits) {
    if (edit.old) lines.push(...edit.old.split('\n').map((line) => `- ${line}`));
    if (edit.new !== undefined) lines.push(...edit.new.split('\n').map((line) => `+ ${line}`));
  }
  if (lines.length === 0) return undefined;
  const shown = lines.slice(0, PREVIEW_LINES);
  if (lines.length > PREVIEW_LINES) shown.push(`… ${lines.length - PREVIEW_LINES} more lines`);
  return clip(shown.join('\n'), PREVIEW_CHARS);
}

function questionsOf(input: unknown): PermissionQuestion[] {
  const questions = (input as { questions?: unknown } | null)?.questions;
  if (!Array.isArray(questions)) return [];
  return questions.slice(0, 8).flatMap((q): PermissionQuestion[] => {
    const question = stringInput(q, 'question');
    if (!question) return [];
    const rawOptions = (q as { options?: unknown }).options;
    const options: QuestionOption[] = (Array.isArray(rawOptions) ? rawOptions : []).slice(0, 12).flatMap((o): QuestionOption[] => {
      const label = typeof o === 'string' ? o : stringInput(o, 'label');
      if (!label) return [];
      const description = stringInput(o, 'description');
      return [{ label: clip(label, 200), ...(description ? { description: clip(description, 500) } : {}) }];
    });
    const header = stringInput(q, 'header');
    return [{ question: clip(question, 1000), options, ...(header ? { header: clip(header, 60) } : {}), ...((q as { multiSelect?: unknown }).multiSelect === true ? { multiSelect: true } : {}) }];
  });
}

function jsonText(input: unknown): string {
  try {
    return JSON.stringify(input) ?? '';
  } catch {
    return String(input);
  }
}

function oneLine(text: string): string {
  return clip(text.replace(/\s*\n\s*/g, ' ⏎ ').trim(), SUMMARY_CHARS);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
