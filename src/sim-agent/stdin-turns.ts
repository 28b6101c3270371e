/**
 * Long-lived mode: each stdin line `{"type":"user","message":{"role":"user","content":...}}`
 * is one turn. Lines that are not user messages are reported on stderr and skipped.
 */
import type { Readable } from 'node:stream';

/** The text of a user message line, or an explanation of why the line is not one. */
export function parseUserLine(line: string): { text: string } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { error: 'not a JSON object' };
  const event = value as { type?: unknown; message?: { content?: unknown } };
  if (event.type !== 'user') return { error: `type ${JSON.stringify(event.type)} is not "user"` };
  const content = event.message?.content;
  if (typeof content === 'string') return { text: content };
  if (Array.isArray(content)) {
    const texts = content
      .filter((block): block is { type: 'text'; text: string } => block?.type === 'text' && typeof block.text === 'string')
      .map((block) => block.text);
    if (texts.length > 0) return { text: texts.join('\n') };
  }
  return { error: 'message.content has no text' };
}

/** The non-empty lines of a stream, as they arrive. */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  input.setEncoding('utf8');
  let pending = '';
  for await (const data of input) {
    pending += data as string;
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
      if (line.trim() !== '') yield line;
      newline = pending.indexOf('\n');
    }
  }
  if (pending.trim() !== '') yield pending;
}
