/** The reply of one turn as an ordered list of text chunks and tool calls. */
import { fitToBytes } from './fit-bytes.js';
import { fillerSentence, middleSection, openingSection, summarySection, topicOf, type Memory } from './reply-text.js';
import type { Rng } from './rng.js';
import { hugeOutputCall, toolCall, type ToolCall } from './tool-calls.js';

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'tool'; call: ToolCall; padLineTo?: number };

export interface ReplyInput {
  prompt: string;
  memory: Memory;
  cwd: string;
  chunks: number;
  tools: number;
  chunkBytes?: number;
  hugeLineBytes?: number;
  rng: Rng;
  /** Real file edits (the edit-files knob): they go after the middle chunk. */
  edits?: ToolCall[];
}

function texts(input: ReplyInput): string[] {
  const { rng, chunks } = input;
  const topic = topicOf(input.prompt);
  const out: string[] = [];
  const used = new Set<number>();
  for (let i = 0; i < chunks; i++) {
    if (i === 0) out.push(openingSection(rng, topic, input.memory));
    else if (i === chunks - 1) out.push(summarySection(rng, topic));
    else out.push(middleSection(rng, topic, used));
  }
  const size = input.chunkBytes;
  return size === undefined ? out : out.map((text) => fitToBytes(text, size, () => fillerSentence(rng)));
}

/**
 * Tools go between text chunks, spread evenly, never after the last chunk: a reply ends in
 * prose, as a model's does after its tool calls.
 */
export function composeReply(input: ReplyInput): Segment[] {
  const chunkTexts = texts(input);
  const c = chunkTexts.length;
  const toolsAfter = new Map<number, Segment[]>();
  const place = (position: number, segment: Segment) => {
    const list = toolsAfter.get(position) ?? [];
    list.push(segment);
    toolsAfter.set(position, list);
  };
  for (let k = 0; k < input.tools; k++) {
    const position = Math.min(Math.floor(((k + 1) * c) / (input.tools + 1)), Math.max(c - 1, 0));
    place(position, { kind: 'tool', call: toolCall(input.rng, k, input.cwd) });
  }
  for (const call of input.edits ?? []) place(Math.floor(c / 2), { kind: 'tool', call });
  if (input.hugeLineBytes !== undefined) {
    place(Math.floor(c / 2), { kind: 'tool', call: hugeOutputCall(), padLineTo: input.hugeLineBytes });
  }
  const segments: Segment[] = [...(toolsAfter.get(0) ?? [])];
  chunkTexts.forEach((text, i) => {
    segments.push({ kind: 'text', text }, ...(toolsAfter.get(i + 1) ?? []));
  });
  return segments;
}
