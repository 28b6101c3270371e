/**
 * With `--include-partial-messages` Claude sends each text block twice: as stream_event
 * text deltas and then as the finished assistant block. This remembers what was streamed,
 * so the finished block only adds the part the deltas did not carry and no text is
 * counted twice.
 */
import type { TextChunk } from '../protocol/index.js';

interface StreamedBlock {
  text: string;
  /** The finished block has been seen: later deltas for it are dropped. */
  closed: boolean;
}

export interface PartialTextTracker {
  /** A text delta of block `index` of message `messageId`: the chunk to emit, if any. */
  delta(messageId: string, index: number, text: string): TextChunk[];
  /** A finished text block: whole if nothing was streamed for it, else only the unstreamed tail. */
  finished(messageId: string, text: string): TextChunk[];
  /**
   * The stream of `messageId` broke off and Claude retries the request: the text streamed for
   * its unfinished blocks from `fromIndex` on will not be finished. Returns that text and forgets it.
   */
  abandon(messageId: string, fromIndex: number): string;
  /** At the end of a turn: message ids do not come back. */
  reset(): void;
}

export function createPartialTextTracker(): PartialTextTracker {
  const streamed = new Map<string, Map<number, StreamedBlock>>();
  return {
    delta(messageId, index, text) {
      if (text === '') return [];
      let blocks = streamed.get(messageId);
      if (!blocks) streamed.set(messageId, (blocks = new Map()));
      let block = blocks.get(index);
      if (!block) blocks.set(index, (block = { text: '', closed: false }));
      if (block.closed) return [];
      block.text += text;
      return [{ kind: 'text', text, delta: true }];
    },
    finished(messageId, text) {
      // Assistant lines come one per finished block, in block order: match the first open one.
      const blocks = streamed.get(messageId);
      const block = blocks && [...blocks.values()].find((b) => !b.closed && b.text !== '');
      if (!block) return text === '' ? [] : [{ kind: 'text', text, delta: false }];
      block.closed = true;
      const rest = text.startsWith(block.text) ? text.slice(block.text.length) : '';
      block.text = '';
      return rest === '' ? [] : [{ kind: 'text', text: rest, delta: true }];
    },
    abandon(messageId, fromIndex) {
      const blocks = streamed.get(messageId);
      if (!blocks) return '';
      let text = '';
      for (const [index, block] of [...blocks.entries()].sort(([a], [b]) => a - b)) {
        if (index < fromIndex || block.closed) continue;
        text += block.text;
        blocks.delete(index);
      }
      return text;
    },
    reset() {
      streamed.clear();
    },
  };
}
