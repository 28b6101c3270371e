/** A session's conversation as display items, built from chunks, user messages and lifecycle marks. */
import type { SequencedChunk } from '../../protocol/chunks.js';
import type { TruncationMark } from '../../protocol/wire.js';

/** `truncated`: the history sent this entry cut short (its log record was too large). */
export type ChatEntry = (
  | { k: 'user'; turn: number; text: string; at: number; fromLog: boolean; generated?: boolean; own?: string }
  | { k: 'chunk'; chunk: SequencedChunk }
  /** Placed after the chunk with seq `after` (0 = before everything). */
  | { k: 'lifecycle'; event: string; detail?: string; at: number; turn: number; after: number }
) & { truncated?: TruncationMark };

export type ChatItem = (
  | { kind: 'user'; key: string; text: string; at: number; turn: number; generated?: boolean; own?: string }
  | { kind: 'text'; key: string; text: string; turn: number; open: boolean }
  | { kind: 'reasoning'; key: string; text: string }
  | { kind: 'tool'; key: string; name: string; input: unknown; result?: { output: string; isError: boolean } }
  | { kind: 'tool-result'; key: string; output: string; isError: boolean }
  | { kind: 'notice'; key: string; level: 'info' | 'warning' | 'error'; message: string }
  | { kind: 'done'; key: string; turn: number; ok: boolean; reason?: string; durationMs?: number; costUsd?: number }
  | { kind: 'lifecycle'; key: string; event: string; detail?: string; at: number }
) & { truncated?: TruncationMark };

/** The larger of two marks: an item built from several entries shows the biggest cut. */
function mergeMarks(a: TruncationMark | undefined, b: TruncationMark | undefined): TruncationMark | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.bytes >= b.bytes ? a : b;
}

function marked<T extends ChatItem>(item: T, mark: TruncationMark | undefined): T {
  return mark ? { ...item, truncated: mergeMarks(item.truncated, mark) } : item;
}

function sortKey(entry: ChatEntry): [number, number] {
  switch (entry.k) {
    case 'user':
      return [entry.turn, -1];
    case 'chunk':
      return [entry.chunk.turn, entry.chunk.seq];
    case 'lifecycle':
      return [entry.turn, entry.after + 0.5];
  }
}

export function compareEntries(a: ChatEntry, b: ChatEntry): number {
  const [ta, sa] = sortKey(a);
  const [tb, sb] = sortKey(b);
  return ta - tb || sa - sb;
}

/** Entries must be sorted (compareEntries). */
export function buildItems(entries: readonly ChatEntry[]): ChatItem[] {
  const items: ChatItem[] = [];
  const tools = new Map<string, number>();
  let turnCost: number | undefined;
  for (const entry of entries) {
    if (entry.k === 'user') {
      items.push(
        marked(
          { kind: 'user', key: `u${entry.turn}-${entry.at}`, text: entry.text, at: entry.at, turn: entry.turn, generated: entry.generated, own: entry.own },
          entry.truncated,
        ),
      );
      continue;
    }
    if (entry.k === 'lifecycle') {
      items.push(marked({ kind: 'lifecycle', key: `l${entry.at}-${entry.event}`, event: entry.event, detail: entry.detail, at: entry.at }, entry.truncated));
      continue;
    }
    const chunk = entry.chunk;
    const mark = entry.truncated;
    switch (chunk.kind) {
      case 'text': {
        const last = items[items.length - 1];
        if (last?.kind === 'text' && last.turn === chunk.turn && last.open && chunk.delta) {
          items[items.length - 1] = marked({ ...last, text: last.text + chunk.text }, mark);
        } else {
          items.push(marked({ kind: 'text', key: `t${chunk.seq}`, text: chunk.text, turn: chunk.turn, open: chunk.delta }, mark));
        }
        break;
      }
      case 'reasoning':
        items.push(marked({ kind: 'reasoning', key: `r${chunk.seq}`, text: chunk.text }, mark));
        break;
      case 'tool_use':
        tools.set(chunk.toolId, items.length);
        items.push(marked({ kind: 'tool', key: `tool${chunk.seq}`, name: chunk.name, input: chunk.input }, mark));
        break;
      case 'tool_result': {
        const index = tools.get(chunk.toolId);
        const tool = index === undefined ? undefined : items[index];
        if (tool?.kind === 'tool') items[index as number] = marked({ ...tool, result: { output: chunk.output, isError: chunk.isError } }, mark);
        else items.push(marked({ kind: 'tool-result', key: `tr${chunk.seq}`, output: chunk.output, isError: chunk.isError }, mark));
        break;
      }
      case 'notice':
        if (chunk.discardText) discardStreamedText(items, chunk.discardText);
        items.push(marked({ kind: 'notice', key: `n${chunk.seq}`, level: chunk.level, message: chunk.message }, mark));
        break;
      case 'usage':
        if (chunk.costUsd !== undefined) turnCost = chunk.costUsd;
        break;
      case 'done':
        items.push({
          kind: 'done',
          key: `d${chunk.seq}`,
          turn: chunk.turn,
          ok: chunk.ok,
          reason: chunk.reason,
          durationMs: chunk.durationMs,
          costUsd: turnCost,
        });
        turnCost = undefined;
        break;
      default:
        break;
    }
  }
  return items;
}

/** Removes text the agent declared void from the end of the latest text item that holds it. */
function discardStreamedText(items: ChatItem[], text: string): void {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index];
    if (item?.kind !== 'text' || !item.text.endsWith(text)) continue;
    const kept = item.text.slice(0, item.text.length - text.length);
    if (kept === '') items.splice(index, 1);
    else items[index] = { ...item, text: kept, open: false };
    return;
  }
}
