/**
 * A session log as a person reads it: user messages, the assistant's text joined, tool calls on
 * one line each, lifecycle and stderr dimmed. Fed one record at a time, so a log of any size
 * streams through it.
 */
import { terminalSafeDeep } from '../text/terminal-safe.js';
import type { LogRecord } from './records.js';

export interface TranscriptOptions {
  /** ANSI dim for secondary lines (stderr, lifecycle). */
  color?: boolean;
  /** Longest tool input/output preview. Default 160 characters. */
  previewChars?: number;
  /** Renders times; default local `YYYY-MM-DD HH:MM:SS`. */
  formatTime?: (epochMs: number) => string;
}

export class TranscriptRenderer {
  #inText = false;
  #cliSessionIds = new Set<string>();
  readonly #color: boolean;
  readonly #previewChars: number;
  readonly #time: (epochMs: number) => string;

  constructor(options: TranscriptOptions = {}) {
    this.#color = options.color ?? false;
    this.#previewChars = options.previewChars ?? 160;
    this.#time = options.formatTime ?? localTime;
  }

  /** The text to print for this record (possibly empty). */
  render(logged: LogRecord): string {
    // A log is data, maybe crafted: its text is made terminal safe before troupe adds its own dim.
    const record = terminalSafeDeep(logged);
    if (record.type === 'chunk' && record.chunk.kind === 'text') {
      const chunk = record.chunk;
      const start = this.#inText ? (chunk.delta ? '' : '\n') : 'assistant: ';
      this.#inText = true;
      return start + chunk.text;
    }
    const line = this.#line(record);
    if (line === null) return '';
    const close = this.#endText();
    return `${close}${line}\n`;
  }

  /** Ends an open block of assistant text. */
  finish(): string {
    return this.#endText();
  }

  #endText(): string {
    if (!this.#inText) return '';
    this.#inText = false;
    return '\n';
  }

  #line(record: LogRecord): string | null {
    switch (record.type) {
      case 'header': {
        const parts = [`session ${record.sessionId}`, record.beadId ? `bead ${record.beadId}` : 'no bead', record.persona, record.backend + (record.model ? ` (${record.model})` : '')];
        if (record.task) parts.push(record.task);
        return this.#dim(`── ${parts.join(' · ')} · started ${this.#time(record.startedAt)} · cwd ${record.cwd}`);
      }
      case 'user':
        return `${this.#dim(`[${this.#time(record.at)}]`)} ▶ user (turn ${record.turn}): ${indent(record.text)}`;
      case 'chunk':
        return this.#chunkLine(record);
      case 'stderr':
        return this.#dim(`stderr: ${record.line}`);
      case 'spawn':
        return this.#dim(`· spawn pid ${record.pid} (turn ${record.turn}${record.attempt > 0 ? `, attempt ${record.attempt}` : ''})`);
      case 'cli-session':
        return this.#cliSession(record.cliSessionId);
      case 'turn-done':
        return record.ok ? this.#dim(`✓ turn ${record.turn} done`) : `✗ turn ${record.turn} failed${record.reason ? `: ${record.reason}` : ''}`;
      case 'exit': {
        const how = record.signal ? `signal ${record.signal}` : `code ${record.code}`;
        return this.#dim(`· exit pid ${record.pid}, ${how}${record.abnormal ? ` (abnormal: ${record.reason})` : ''}`);
      }
      case 'restart':
        return `↻ restart ${record.attempt} in ${record.delayMs} ms: ${record.reason}`;
      case 'resume':
        return this.#dim(`· resumed (by ${record.by}) at ${this.#time(record.at)}`);
      case 'log-error':
        return `! log error: ${record.message}`;
      case 'stop':
        return this.#dim(`· stop: ${record.reason}`);
      case 'footer': {
        const t = record.totals;
        return this.#dim(
          `── ended ${this.#time(record.endedAt)}: ${record.reason} · ${plural(t.turns, 'turn')} · ${t.inputTokens} in / ${t.outputTokens} out tokens · $${t.costUsd.toFixed(4)} · ${plural(t.restarts, 'restart')}`,
        );
      }
    }
  }

  #chunkLine(record: Extract<LogRecord, { type: 'chunk' }>): string | null {
    const chunk = record.chunk;
    switch (chunk.kind) {
      case 'tool_use':
        return `⚙ ${chunk.name}(${this.#preview(JSON.stringify(chunk.input) ?? '')})`;
      case 'tool_result':
        return `  ${chunk.isError ? '✗' : '↳'} ${this.#preview(chunk.output.trim())}`;
      case 'reasoning':
        return this.#dim(`(thinking) ${this.#preview(chunk.text)}`);
      case 'notice':
        return chunk.level === 'info' ? this.#dim(`· ${chunk.message}`) : `! ${chunk.level}: ${chunk.message}`;
      case 'raw':
        return this.#dim(`· unknown event ${chunk.type}`);
      case 'session':
        return this.#cliSession(chunk.cliSessionId);
      case 'done':
        return chunk.ok ? null : `✗ ${chunk.reason ?? 'error'}${chunk.result ? `: ${this.#preview(chunk.result)}` : ''}`;
      case 'usage':
      case 'text':
        return null;
    }
  }

  #cliSession(id: string): string | null {
    if (this.#cliSessionIds.has(id)) return null;
    this.#cliSessionIds.add(id);
    return this.#dim(`· agent conversation ${id}`);
  }

  #preview(text: string): string {
    const line = text.replace(/\s+/g, ' ');
    return line.length > this.#previewChars ? `${line.slice(0, this.#previewChars)}…` : line;
  }

  #dim(text: string): string {
    return this.#color ? `\x1b[2m${text}\x1b[22m` : text;
  }
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n    ');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function localTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
