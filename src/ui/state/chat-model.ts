/**
 * A session's conversation as display items: a fold of its events in seq order. Live, after a
 * reload, in a pop-out and after switching back the events are the same, so the items are too.
 */
import type { DoneChunk } from '../../protocol/chunks.js';
import type { PermissionRequest } from '../../protocol/permissions.js';
import type { EventOf, SessionEvent } from '../../protocol/session-events.js';
import type { HistoryEvent, TruncationMark } from '../../protocol/wire.js';
import { WORKSPACE_STATE_WORDS } from '../../session/workspace-words.js';

/** How a permission request was settled, as its card shows it. */
export interface PermissionResolution {
  decision: 'allow' | 'deny';
  by: 'person' | 'policy' | 'cancelled';
  scope?: 'once' | 'session';
  message?: string;
  rule?: string;
  answers?: Record<string, string>;
}

/** `truncated`: the history sent an event of this item cut short (its log record was too large). */
export type ChatItem = ChatItemBody & { truncated?: TruncationMark };

type ChatItemBody =
  | { kind: 'user'; key: string; text: string; at: number; turn: number; source: 'person' | 'template' | 'troupe'; own?: string }
  | { kind: 'text'; key: string; text: string; turn: number; open: boolean }
  | { kind: 'reasoning'; key: string; text: string }
  | { kind: 'tool'; key: string; name: string; input: unknown; result?: { output: string; isError: boolean } }
  | { kind: 'tool-result'; key: string; output: string; isError: boolean }
  | { kind: 'notice'; key: string; level: 'info' | 'warning' | 'error'; message: string }
  | { kind: 'turn-end'; key: string; turn: number; outcome: 'done' | 'failed' | 'interrupted'; reason?: string; durationMs?: number; costUsd?: number }
  | { kind: 'crash'; key: string; reason: string; at: number; restart?: { attempt: number; delayMs: number } }
  | { kind: 'lifecycle'; key: string; event: 'stopped' | 'failed' | 'resumed' | 'log-error' | 'restarting'; detail?: string; at: number }
  | {
      kind: 'permission';
      key: string;
      request: PermissionRequest;
      resolved?: PermissionResolution;
    };

function markOf(event: HistoryEvent): { truncated?: TruncationMark } {
  return event.truncated ? { truncated: event.truncated } : {};
}

/** Events must be in seq order. */
export function buildItems(events: readonly HistoryEvent[]): ChatItem[] {
  const items: ChatItem[] = [];
  const tools = new Map<string, number>();
  const permissions = new Map<string, number>();
  let lastDone: DoneChunk | undefined;
  let turnCost: number | undefined;
  for (const event of events) {
    switch (event.type) {
      case 'user':
        items.push({ kind: 'user', key: `u${event.seq}`, text: event.text, at: event.at, turn: event.turn, source: event.source, ...(event.own ? { own: event.own } : {}), ...markOf(event) });
        lastDone = undefined;
        turnCost = undefined;
        break;
      case 'chunk': {
        const chunk = event.chunk;
        if (chunk.kind === 'done') lastDone = chunk;
        else if (chunk.kind === 'usage' && chunk.costUsd !== undefined) turnCost = chunk.costUsd;
        else addChunkItem(items, tools, event as EventOf<'chunk'> & HistoryEvent);
        break;
      }
      case 'turn-done':
      case 'turn-failed':
      case 'turn-interrupted': {
        const outcome = event.type === 'turn-done' ? 'done' : event.type === 'turn-failed' ? 'failed' : 'interrupted';
        closeOpenText(items);
        items.push({
          kind: 'turn-end',
          key: `e${event.seq}`,
          turn: event.turn,
          outcome,
          ...(event.type === 'turn-failed' ? { reason: event.reason } : {}),
          ...(lastDone?.durationMs !== undefined ? { durationMs: lastDone.durationMs } : {}),
          ...(turnCost !== undefined ? { costUsd: turnCost } : {}),
        });
        lastDone = undefined;
        turnCost = undefined;
        break;
      }
      case 'exit':
        if (event.abnormal) {
          closeOpenText(items);
          items.push({ kind: 'crash', key: `c${event.seq}`, reason: event.reason, at: event.at });
        }
        break;
      case 'worker-died':
        closeOpenText(items);
        items.push({ kind: 'crash', key: `c${event.seq}`, reason: `worker thread died: ${event.error}`, at: event.at });
        break;
      case 'restart-scheduled': {
        // One marker per crash: the restart is told on the crash it answers.
        const crash = lastCrashWithoutRestart(items);
        const restart = { attempt: event.attempt, delayMs: event.delayMs };
        if (crash) items[crash.index] = { ...crash.item, restart };
        else items.push({ kind: 'lifecycle', key: `l${event.seq}`, event: 'restarting', detail: `attempt ${event.attempt}: ${event.reason}`, at: event.at });
        break;
      }
      case 'stopped':
        closeOpenText(items);
        items.push({
          kind: 'lifecycle',
          key: `l${event.seq}`,
          event: event.reason === 'failed' || event.reason === 'log-error' ? 'failed' : 'stopped',
          detail: event.detail ?? (event.reason === 'user' ? 'by you' : event.reason === 'shutdown' ? 'troupe shut down' : undefined),
          at: event.at,
        });
        break;
      case 'resumed':
        items.push({ kind: 'lifecycle', key: `l${event.seq}`, event: 'resumed', detail: event.by === 'user' ? 'revived' : 'worker replaced', at: event.at });
        break;
      case 'log-error':
        items.push({ kind: 'lifecycle', key: `l${event.seq}`, event: 'log-error', detail: event.message, at: event.at, ...markOf(event) });
        break;
      case 'notice':
        items.push({ kind: 'notice', key: `n${event.seq}`, level: event.level, message: event.message, ...markOf(event) });
        break;
      case 'permission-requested':
        permissions.set(event.request.requestId, items.length);
        items.push({ kind: 'permission', key: `p${event.seq}`, request: event.request });
        break;
      case 'permission-resolved': {
        const index = permissions.get(event.requestId);
        const item = index === undefined ? undefined : items[index];
        const resolved = {
          decision: event.decision,
          by: event.by,
          ...(event.scope ? { scope: event.scope } : {}),
          ...(event.message ? { message: event.message } : {}),
          ...(event.rule ? { rule: event.rule } : {}),
          ...(event.answers ? { answers: event.answers } : {}),
        };
        if (item?.kind === 'permission') items[index as number] = { ...item, resolved };
        // The policy answered at once: one event carries the request and its answer.
        else if (event.request) items.push({ kind: 'permission', key: `p${event.seq}`, request: event.request, resolved });
        break;
      }
      case 'workspace-state':
        items.push({ kind: 'notice', key: `w${event.seq}`, level: 'info', message: workspaceStateText(event) });
        break;
      default:
        break;
    }
  }
  return items;
}

function workspaceStateText(event: EventOf<'workspace-state'>): string {
  const commit = event.commit ? ` (${event.commit.slice(0, 10)})` : '';
  return `Workspace ${WORKSPACE_STATE_WORDS[event.state]}${commit}${event.detail ? `: ${event.detail}` : ''}`;
}

function addChunkItem(items: ChatItem[], tools: Map<string, number>, event: EventOf<'chunk'> & HistoryEvent): void {
  const chunk = event.chunk;
  const mark = markOf(event);
  switch (chunk.kind) {
    case 'text': {
      const last = items[items.length - 1];
      if (last?.kind === 'text' && last.turn === event.turn && last.open && chunk.delta) {
        items[items.length - 1] = { ...last, text: last.text + chunk.text, ...mark };
      } else {
        closeOpenText(items);
        items.push({ kind: 'text', key: `t${event.seqFrom ?? event.seq}`, text: chunk.text, turn: event.turn, open: chunk.delta, ...mark });
      }
      break;
    }
    case 'reasoning':
      items.push({ kind: 'reasoning', key: `r${event.seq}`, text: chunk.text, ...mark });
      break;
    case 'tool_use':
      closeOpenText(items);
      tools.set(chunk.toolId, items.length);
      items.push({ kind: 'tool', key: `tool${event.seq}`, name: chunk.name, input: chunk.input, ...mark });
      break;
    case 'tool_result': {
      const index = tools.get(chunk.toolId);
      const tool = index === undefined ? undefined : items[index];
      if (tool?.kind === 'tool') items[index as number] = { ...tool, result: { output: chunk.output, isError: chunk.isError }, ...mark };
      else items.push({ kind: 'tool-result', key: `tr${event.seq}`, output: chunk.output, isError: chunk.isError, ...mark });
      break;
    }
    case 'notice':
      if (chunk.discardText) discardStreamedText(items, chunk.discardText);
      items.push({ kind: 'notice', key: `n${event.seq}`, level: chunk.level, message: chunk.message, ...mark });
      break;
    default:
      break;
  }
}

/** A text block is finished once anything else happens after it: the cursor belongs to live text only. */
function closeOpenText(items: ChatItem[]): void {
  const last = items[items.length - 1];
  if (last?.kind === 'text' && last.open) items[items.length - 1] = { ...last, open: false };
}

function lastCrashWithoutRestart(items: ChatItem[]): { index: number; item: Extract<ChatItem, { kind: 'crash' }> } | undefined {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index];
    if (item?.kind === 'crash') return item.restart ? undefined : { index, item };
    if (item?.kind === 'user' || item?.kind === 'turn-end') return undefined;
  }
  return undefined;
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
