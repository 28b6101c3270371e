/**
 * A session on a terminal, from its events: live while `troupe run` or `resume` runs it, or as a
 * transcript of its log (`troupe logs`). One renderer for both, fed one record at a time, so a log
 * of any size streams through it.
 */
import type { AgentChunk } from '../protocol/chunks.js';
import type { LogRecord } from '../logs/records.js';
import { stopText } from '../session/stop-text.js';
import { WORKSPACE_STATE_WORDS } from '../session/workspace-words.js';
import { terminalSafe, terminalSafeDeep } from '../text/terminal-safe.js';

export interface PrinterSink {
  out(text: string): void;
  err(text: string): void;
}

export interface SessionPrinterOptions {
  /**
   * `live`: the answer and tool calls on stdout, troupe's own lines on stderr, nothing the person
   * typed; `transcript`: every record on stdout, with times, as a log reads.
   */
  mode: 'live' | 'transcript';
  /** ANSI dim for secondary lines (transcript mode). */
  color?: boolean;
  /** Longest tool input/output preview. Default 160 characters. */
  previewChars?: number;
  /** Renders times; default local `YYYY-MM-DD HH:MM:SS`. */
  formatTime?: (epochMs: number) => string;
  /** Restarts a session may take before it is given up (shown as "attempt 1/5"). */
  maxRestarts?: number;
}

export class SessionPrinter {
  #inText = false;
  #lastCrash: string | undefined;
  readonly #cliSessionIds = new Set<string>();
  /** Pending requests by id, to name what a withdrawal withdrew. */
  readonly #requests = new Map<string, string>();
  readonly #live: boolean;
  readonly #color: boolean;
  readonly #previewChars: number;
  readonly #time: (epochMs: number) => string;

  constructor(
    private readonly sink: PrinterSink,
    private readonly options: SessionPrinterOptions,
  ) {
    this.#live = options.mode === 'live';
    this.#color = options.color ?? false;
    this.#previewChars = options.previewChars ?? 160;
    this.#time = options.formatTime ?? localTime;
  }

  print(logged: LogRecord): void {
    // Everything in a record is the agent's or the log's: no escape sequence of it reaches the
    // terminal; troupe's own dim is added after.
    const record = terminalSafeDeep(logged);
    if (record.type === 'chunk' && record.chunk.kind === 'text') {
      const chunk = record.chunk;
      const start = this.#inText ? (chunk.delta ? '' : '\n') : this.#live ? '' : 'assistant: ';
      this.#inText = true;
      this.sink.out(start + chunk.text);
      return;
    }
    const line = this.#live ? this.#liveLine(record) : this.#transcriptLine(record);
    if (line === null) return;
    this.finish();
    if (line.to === 'out') this.sink.out(`${line.text}\n`);
    else this.sink.err(`${line.text}\n`);
  }

  /** Ends an open block of assistant text. */
  finish(): void {
    if (!this.#inText) return;
    this.#inText = false;
    this.sink.out('\n');
  }

  #liveLine(record: LogRecord): { to: 'out' | 'err'; text: string } | null {
    switch (record.type) {
      case 'user':
        // The first prompt is on the command line already; a follow-up is echoed where its turn begins.
        if (record.source === 'person' && record.turn > 1) return { to: 'out', text: `\n── turn ${record.turn} ── ${this.#safe(record.text)}` };
        return null;
      case 'chunk':
        return this.#chunkLine(record.chunk, 'out');
      case 'notice':
        return { to: 'err', text: `troupe: ${record.level === 'info' ? '' : `${record.level}: `}${this.#safe(record.message)}` };
      case 'exit':
        if (record.abnormal) this.#lastCrash = record.reason;
        return null;
      case 'worker-died':
        this.#lastCrash = `worker thread died: ${record.error}`;
        return null;
      case 'restart-scheduled': {
        const max = this.options.maxRestarts !== undefined ? `/${this.options.maxRestarts}` : '';
        const why = this.#lastCrash ?? record.reason;
        this.#lastCrash = undefined;
        return { to: 'err', text: `troupe: agent crashed (${this.#safe(why)}), restarting in ${Math.round(record.delayMs)} ms, attempt ${record.attempt}${max}` };
      }
      case 'turn-interrupted':
        return { to: 'err', text: `troupe: turn ${record.turn} interrupted` };
      case 'permission-requested':
        // The prompt (or the --answer notice) says it; here it is only remembered.
        this.#requests.set(record.request.requestId, `${record.request.toolName}: ${record.request.summary}`);
        return null;
      case 'permission-resolved': {
        const what = record.request ? `${record.request.toolName}: ${record.request.summary}` : this.#requests.get(record.requestId);
        this.#requests.delete(record.requestId);
        if (record.by === 'policy') return { to: 'err', text: `troupe: ${record.decision === 'allow' ? 'allowed' : 'denied'} ${this.#safe(what ?? 'a request')} by the session's policy${record.rule ? ` (${this.#safe(record.rule)})` : ''}` };
        if (record.by === 'cancelled') return { to: 'err', text: `troupe: withdrawn: ${this.#safe(what ?? 'a request')}` };
        return null;
      }
      default:
        // A log that fails ends the session: the caller tells why, once.
        return null;
    }
  }

  #transcriptLine(record: LogRecord): { to: 'out'; text: string } | null {
    const text = this.#transcriptText(record);
    return text === null ? null : { to: 'out', text };
  }

  #transcriptText(record: LogRecord): string | null {
    switch (record.type) {
      case 'header': {
        const parts = [`session ${record.sessionId}`, record.beadId ? `bead ${record.beadId}` : 'no bead', record.persona, record.backend + (record.model ? ` (${record.model})` : '')];
        if (record.task) parts.push(record.task);
        if (record.workspace) parts.push(`workspace ${record.workspace.branch}`);
        return this.#dim(`── ${this.#safe(parts.join(' · '))} · started ${this.#time(record.startedAt)} · cwd ${this.#safe(record.cwd)}`);
      }
      case 'user': {
        const who = record.source === 'troupe' ? 'troupe' : 'user';
        return `${this.#dim(`[${this.#time(record.at)}]`)} ▶ ${who} (turn ${record.turn}): ${indent(this.#safe(record.text, true))}`;
      }
      case 'chunk': {
        const line = this.#chunkLine(record.chunk, 'out');
        return line?.text ?? null;
      }
      case 'stderr':
        return this.#dim(`stderr: ${this.#safe(record.line)}`);
      case 'spawn':
        return this.#dim(`· spawn pid ${record.pid} (turn ${record.turn}${record.attempt > 0 ? `, attempt ${record.attempt}` : ''})`);
      case 'cli-session':
        return this.#cliSession(record.cliSessionId);
      case 'turn-done':
        return this.#dim(`✓ turn ${record.turn} done`);
      case 'turn-failed':
        return `✗ turn ${record.turn} failed: ${this.#safe(record.reason)}`;
      case 'turn-interrupted':
        return `✗ turn ${record.turn} interrupted`;
      case 'exit': {
        const how = record.signal ? `signal ${record.signal}` : `code ${record.code}`;
        return this.#dim(`· exit pid ${record.pid}, ${how}${record.abnormal ? ` (abnormal: ${this.#safe(record.reason)})` : ''}`);
      }
      case 'worker-died':
        return `! worker thread died: ${this.#safe(record.error)}`;
      case 'restart-scheduled':
        return `↻ restart ${record.attempt} in ${record.delayMs} ms: ${this.#safe(record.reason)}`;
      case 'resumed':
        return this.#dim(`· resumed (by ${record.by}) at ${this.#time(record.at)}`);
      case 'notice':
        return record.level === 'info' ? this.#dim(`· troupe: ${this.#safe(record.message)}`) : `! troupe ${record.level}: ${this.#safe(record.message)}`;
      case 'log-error':
        return `! log error: ${this.#safe(record.message)}`;
      case 'stopped':
        return this.#dim(`· stop: ${this.#safe(stopText(record.reason, record.detail))}`);
      case 'permission-requested':
        return `? ${this.#safe(record.request.toolName)}: ${this.#safe(record.request.summary)}`;
      case 'permission-resolved':
        return this.#dim(`· ${record.decision === 'allow' ? 'allowed' : 'denied'} by ${record.by}${record.scope === 'session' ? ' for the session' : ''}`);
      case 'workspace-changed':
        return this.#dim(`· changes: ${record.changes.files.length} files, +${record.changes.added} −${record.changes.removed}`);
      case 'workspace-state':
        return this.#dim(`· workspace ${WORKSPACE_STATE_WORDS[record.state]}${record.commit ? ` (${record.commit.slice(0, 12)})` : ''}${record.detail ? `: ${this.#safe(record.detail)}` : ''}`);
      case 'footer': {
        const t = record.totals;
        return this.#dim(
          `── ended ${this.#time(record.endedAt)}: ${this.#safe(stopText(record.reason, record.detail))} · ${plural(t.turns, 'turn')} · ${t.inputTokens} in / ${t.outputTokens} out tokens · $${t.costUsd.toFixed(4)} · ${plural(t.restarts, 'restart')}`,
        );
      }
    }
  }

  #chunkLine(chunk: AgentChunk, to: 'out'): { to: 'out' | 'err'; text: string } | null {
    switch (chunk.kind) {
      case 'tool_use':
        return { to, text: `⚙ ${this.#safe(chunk.name)}(${this.#preview(JSON.stringify(chunk.input) ?? '')})` };
      case 'tool_result':
        return { to, text: `  ${chunk.isError ? '✗' : '↳'} ${this.#preview(chunk.output.trim())}` };
      case 'reasoning':
        return this.#live ? null : { to, text: this.#dim(`(thinking) ${this.#preview(chunk.text)}`) };
      case 'notice':
        // Live, an agent's error ends its turn, and the turn's failure is told once, by the caller.
        if (this.#live) return chunk.level === 'warning' ? { to: 'err', text: `troupe: warning: ${this.#safe(chunk.message)}` } : null;
        return { to, text: chunk.level === 'info' ? this.#dim(`· ${this.#safe(chunk.message)}`) : `! ${chunk.level}: ${this.#safe(chunk.message)}` };
      case 'raw':
        return this.#live ? null : { to, text: this.#dim(`· unknown event ${this.#safe(chunk.type)}`) };
      case 'session': {
        if (this.#live) return null;
        const text = this.#cliSession(chunk.cliSessionId);
        return text === null ? null : { to, text };
      }
      case 'done':
        // Live, the turn's outcome is told once, by the caller; a transcript shows the agent's own result.
        if (this.#live || chunk.ok) return null;
        return { to, text: `✗ ${this.#safe(chunk.reason ?? 'error')}${chunk.result ? `: ${this.#preview(chunk.result)}` : ''}` };
      case 'usage':
      case 'text':
        return null;
    }
  }

  #cliSession(id: string): string | null {
    if (this.#cliSessionIds.has(id)) return null;
    this.#cliSessionIds.add(id);
    return this.#dim(`· agent conversation ${this.#safe(id)}`);
  }

  /** Already terminal safe (print made the record so); one line where a line is wanted. */
  #safe(text: string, newlines = false): string {
    return newlines ? text : text.replace(/[\r\n]+/g, ' ');
  }

  #preview(text: string): string {
    const line = terminalSafe(text.replace(/\s+/g, ' '));
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
