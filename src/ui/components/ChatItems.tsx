import { memo, useState } from 'react';
import type { TruncationMark } from '../../protocol/wire.js';
import { formatBytes, formatCost, formatDuration } from '../lib/format.js';
import { renderMarkdown } from '../lib/markdown.js';
import { splitMarkdownBlocks } from '../lib/markdown-blocks.js';
import type { ChatItem } from '../state/chat-model.js';
import { PermissionCard } from './PermissionCard.js';

const LONG_USER_TEXT = 400;

function inputSummary(input: unknown): string {
  if (input === null || input === undefined) return '';
  if (typeof input === 'string') return input;
  if (typeof input === 'object') {
    const record = input as Record<string, unknown>;
    for (const key of ['command', 'file_path', 'path', 'pattern', 'url', 'query', 'description']) {
      if (typeof record[key] === 'string') return record[key] as string;
    }
  }
  const text = JSON.stringify(input);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** Said under an item the history sent cut short: its log record was too large to send whole. */
function Truncated({ mark, inline }: { mark: TruncationMark | undefined; inline?: boolean }) {
  if (!mark) return null;
  const text = `cut short: ${formatBytes(mark.bytes)} in the log, too large to show here`;
  const title = 'troupe logs <session id> prints the whole record';
  // In a collapsed tool call's summary, so it shows without opening it.
  if (inline) {
    return (
      <span className="truncated inline" data-testid="truncated" title={`${text}; ${title}`}>
        cut short ({formatBytes(mark.bytes)})
      </span>
    );
  }
  return (
    <div className="truncated" data-testid="truncated" title={title}>
      {text}
    </div>
  );
}

/** Each item's root carries `data-key`, its identity in the chat model: the chat keeps its scroll place by it. */
export const ChatItemView = memo(function ChatItemView({ item, streaming }: { item: ChatItem; streaming: boolean }) {
  switch (item.kind) {
    case 'user':
      if (item.source === 'template') return <FirstPrompt text={item.text} own={item.own} itemKey={item.key} mark={item.truncated} />;
      if (item.source === 'troupe') return <TroupeMessage text={item.text} itemKey={item.key} />;
      return <UserMessage text={item.text} itemKey={item.key} mark={item.truncated} />;
    case 'text':
      return (
        <div className={`assistant md${streaming ? ' streaming' : ''}`} data-testid="assistant-text" data-key={item.key}>
          {splitMarkdownBlocks(item.text).map((block, index) => (
            <MarkdownBlock key={index} text={block} />
          ))}
          <Truncated mark={item.truncated} />
        </div>
      );
    case 'reasoning':
      return (
        <details className="reasoning" data-key={item.key}>
          <summary>
            thinking <Truncated mark={item.truncated} inline />
          </summary>
          <div className="pre">{item.text}</div>
        </details>
      );
    case 'tool':
      return (
        <details className={`tool${item.result?.isError ? ' tool-error' : ''}`} data-testid="tool-call" data-key={item.key}>
          <summary>
            <span className="tool-name">{item.name}</span>
            <span className="tool-input">{inputSummary(item.input)}</span>
            <Truncated mark={item.truncated} inline />
            <span className="tool-state">{item.result ? (item.result.isError ? 'error' : 'done') : 'running…'}</span>
          </summary>
          <div className="tool-body">
            <div className="tool-label">input</div>
            <pre>{JSON.stringify(item.input, null, 2)}</pre>
            {item.result && (
              <>
                <div className="tool-label">{item.result.isError ? 'error' : 'result'}</div>
                <pre>{item.result.output}</pre>
              </>
            )}
          </div>
        </details>
      );
    case 'tool-result':
      return (
        <details className={`tool${item.isError ? ' tool-error' : ''}`} data-key={item.key}>
          <summary>
            <span className="tool-name">tool result</span>
            <Truncated mark={item.truncated} inline />
          </summary>
          <pre>{item.output}</pre>
        </details>
      );
    case 'notice':
      return (
        <div className={`notice notice-${item.level}`} data-key={item.key}>
          {item.message}
          <Truncated mark={item.truncated} />
        </div>
      );
    case 'turn-end':
      return (
        <div className={`turn-done${item.outcome === 'done' ? '' : ` ${item.outcome}`}`} data-testid="turn-done" data-outcome={item.outcome} data-key={item.key}>
          <span>
            turn {item.turn} {item.outcome === 'done' ? 'done' : item.outcome === 'interrupted' ? 'interrupted' : `failed${item.reason ? `: ${item.reason}` : ''}`}
          </span>
          {item.durationMs !== undefined && <span>{formatDuration(item.durationMs)}</span>}
          {item.costUsd !== undefined && <span>{formatCost(item.costUsd)}</span>}
        </div>
      );
    case 'crash':
      return (
        <div className="lifecycle lc-crash" data-testid="lifecycle" data-event="crash" data-key={item.key}>
          crashed: {item.reason}
          {item.restart ? ` · restarting (attempt ${item.restart.attempt}) after ${Math.round(item.restart.delayMs)} ms` : ''}
        </div>
      );
    case 'lifecycle':
      return (
        <div className={`lifecycle lc-${item.event}`} data-testid="lifecycle" data-event={item.event} data-key={item.key}>
          {item.event}
          {item.detail ? `: ${item.detail}` : ''}
          <Truncated mark={item.truncated} />
        </div>
      );
    case 'permission':
      return <PermissionCard request={item.request} resolved={item.resolved} itemKey={item.key} autoFocus />;
  }
});

/** A message troupe sent on its own (after a restart): shown, but not as the person's words. */
function TroupeMessage({ text, itemKey }: { text: string; itemKey: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="troupe-msg" data-testid="troupe-message" data-key={itemKey}>
      <button className="link-button" onClick={() => setOpen(!open)}>
        troupe asked the agent to continue {open ? '▾' : '▸'}
      </button>
      {open && <div className="pre">{text}</div>}
    </div>
  );
}

/** The first turn: the person's own words up front, the prompt built from the persona behind a toggle. */
function FirstPrompt({ text, own, itemKey, mark }: { text: string; own?: string; itemKey: string; mark?: TruncationMark }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="user-msg first-prompt" data-testid="user-message" data-key={itemKey}>
      <div className="pre">{own ?? <span className="muted">Started with the persona’s instructions for this bead.</span>}</div>
      <button className="link-button" onClick={() => setOpen(!open)}>
        {open ? 'hide the full prompt' : `show the full prompt (${text.length} characters)`}
      </button>
      {open && <div className="pre full-prompt">{text}</div>}
      <Truncated mark={mark} />
    </div>
  );
}

/** One block of agent markdown; unchanged blocks are skipped by React (memo) and by the cache. */
const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  // renderMarkdown escapes raw HTML and drops unsafe links.
  return <div className="md-block" dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />;
});

function UserMessage({ text, itemKey, mark }: { text: string; itemKey: string; mark?: TruncationMark }) {
  const [open, setOpen] = useState(false);
  const long = text.length > LONG_USER_TEXT;
  return (
    <div className="user-msg" data-testid="user-message" data-key={itemKey}>
      <div className="pre">{long && !open ? `${text.slice(0, LONG_USER_TEXT)}…` : text}</div>
      {long && (
        <button className="link-button" onClick={() => setOpen(!open)}>
          {open ? 'show less' : `show all (${text.length} characters)`}
        </button>
      )}
      <Truncated mark={mark} />
    </div>
  );
}
