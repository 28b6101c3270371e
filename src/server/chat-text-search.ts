/**
 * Finds words in the chat of a session's log: the person's messages and the agent's text, with a
 * turn's streamed pieces joined so a word split across them is found. Reads at most `budget`
 * bytes, a block at a time (the server answers others between blocks); besides the agent's text,
 * only lines that may hold a word are parsed.
 */
import { stat } from 'node:fs/promises';
import { readLinesForward, parseLogLine } from '../logs/index.js';

export interface TextSearchResult {
  /** The words found (lower case). */
  found: Set<string>;
  /** Around the first word found. */
  excerpt?: string;
  bytesRead: number;
  /** The budget ran out before the end of the log. */
  cut: boolean;
}

/** The agent's text of a turn kept while looking for words in it. */
const MAX_HELD_CHARS = 64 * 1024;
const EXCERPT_CHARS = 120;
/** Of the excerpt, this much comes before the word, so a row cut short still shows it. */
const BEFORE_CHARS = 24;

function excerptAround(text: string, index: number, length: number): string {
  const from = Math.max(0, index - BEFORE_CHARS);
  const to = Math.min(text.length, index + length + EXCERPT_CHARS - BEFORE_CHARS);
  const middle = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${middle}${to < text.length ? '…' : ''}`;
}

/** Words as they appear inside a JSON string (quotes and backslashes escaped), to skip lines cheaply. */
const inJson = (word: string) => JSON.stringify(word).slice(1, -1);

export async function searchChatText(path: string, words: readonly string[], budget: number): Promise<TextSearchResult> {
  const result: TextSearchResult = { found: new Set(), bytesRead: 0, cut: false };
  if (words.length === 0 || budget <= 0) return { ...result, cut: words.length > 0 };
  const wanted = words.map((word) => ({ word, raw: inJson(word) }));
  let held = '';
  const look = (text: string) => {
    const lower = text.toLowerCase();
    for (const { word } of wanted) {
      if (result.found.has(word)) continue;
      const index = lower.indexOf(word);
      if (index === -1) continue;
      result.found.add(word);
      result.excerpt ??= excerptAround(text, index, word.length);
    }
  };
  const flush = () => {
    if (held) look(held);
    held = '';
  };
  let end = Infinity;
  const { size } = await stat(path);
  for await (const line of readLinesForward(path, { end: Math.min(size, budget) })) {
    end = line.next;
    const lower = line.text.toLowerCase();
    const textChunk = lower.includes('"kind":"text"');
    if (!textChunk) flush();
    if (!textChunk && !wanted.some(({ word, raw }) => !result.found.has(word) && lower.includes(raw))) continue;
    const record = parseLogLine(line.text);
    if (record?.type === 'user') look(record.own ?? record.text);
    else if (record?.type === 'chunk' && record.chunk.kind === 'text') {
      held += record.chunk.text;
      if (held.length > MAX_HELD_CHARS) {
        look(held);
        held = held.slice(-EXCERPT_CHARS);
      }
    }
    if (result.found.size === wanted.length) break;
  }
  flush();
  result.bytesRead = Number.isFinite(end) ? end : 0;
  result.cut = result.found.size < wanted.length && result.bytesRead >= budget;
  return result;
}
