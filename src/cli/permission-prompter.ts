/**
 * Answers a session's permission requests from the terminal: on a TTY each is asked inline
 * (`Allow Bash: npm test? [y]es [n]o [s]ession`), one at a time; without one, `--answer` answers
 * every request the policy left open (default deny, told in one line each).
 */
import { createInterface, type Interface } from 'node:readline';
import type { PermissionAnswer, PermissionDecision, PermissionRequest } from '../protocol/permissions.js';
import type { SupervisorApi } from '../supervisor/types.js';
import { terminalSafe } from '../text/terminal-safe.js';

export interface PrompterOptions {
  /** Ask on the terminal (stdin and stderr are a TTY and no --answer was given). */
  interactive: boolean;
  /** The answer for every request when not interactive. */
  answer: PermissionDecision;
  input: NodeJS.ReadableStream;
  err(text: string): void;
}

export class PermissionPrompter {
  private readonly queue: PermissionRequest[] = [];
  private current: PermissionRequest | null = null;
  private rl: Interface | null = null;
  private closed = false;

  constructor(
    private readonly supervisor: Pick<SupervisorApi, 'answerPermission'>,
    private readonly sessionId: string,
    private readonly options: PrompterOptions,
  ) {}

  requested(request: PermissionRequest): void {
    if (this.closed) return;
    if (!this.options.interactive) {
      const denied = this.options.answer === 'deny';
      void this.send(request, denied ? { decision: 'deny', message: 'Denied: nobody at a terminal to ask (troupe run --answer deny).' } : { decision: 'allow' });
      if (denied) this.options.err(`troupe: denied ${describe(request)} (no terminal to ask; --answer allow allows what the policy leaves open)\n`);
      else this.options.err(`troupe: allowed ${describe(request)} (--answer allow)\n`);
      return;
    }
    this.queue.push(request);
    this.next();
  }

  /** The request was answered or withdrawn elsewhere: stop asking about it. */
  resolved(requestId: string): void {
    const index = this.queue.findIndex((r) => r.requestId === requestId);
    if (index >= 0) this.queue.splice(index, 1);
    if (this.current?.requestId === requestId) {
      this.current = null;
      this.options.err('\n');
      this.next();
    }
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.current = null;
    this.rl?.close();
    this.rl = null;
  }

  private next(): void {
    if (this.current || this.closed) return;
    const request = this.queue.shift();
    if (!request) return;
    this.current = request;
    this.lines();
    this.options.err(promptText(request));
  }

  /** One reader for the whole session: a line answers the request being asked, if any. */
  private lines(): Interface {
    if (this.rl) return this.rl;
    const rl = createInterface({ input: this.options.input, terminal: false });
    rl.on('line', (line) => this.onLine(line));
    this.rl = rl;
    return rl;
  }

  private onLine(line: string): void {
    const request = this.current;
    if (!request) return;
    this.current = null;
    const answer = parseReply(request, line);
    if (answer === null) {
      this.options.err('troupe: answer y, n or s (a number for a question)\n');
      this.queue.unshift(request);
    } else {
      void this.send(request, answer);
    }
    this.next();
  }

  private async send(request: PermissionRequest, answer: PermissionAnswer): Promise<void> {
    try {
      await this.supervisor.answerPermission(this.sessionId, request.requestId, answer);
    } catch (error) {
      this.options.err(`troupe: could not answer ${describe(request)}: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`);
    }
  }
}

export function describe(request: PermissionRequest): string {
  return terminalSafe(`${request.toolName}: ${request.summary}`.replace(/[\r\n]+/g, ' '));
}

function promptText(request: PermissionRequest): string {
  if (request.kind === 'question') {
    const lines = (request.questions ?? []).slice(0, 1).flatMap((q) => [`? ${q.question}`, ...q.options.map((o, i) => `  ${i + 1}. ${o.label}${o.description ? ` — ${o.description}` : ''}`)]);
    return `${terminalSafe(lines.join('\n'))}\nYour choice (a number, or your own words; empty: no answer): `;
  }
  const why = request.reason ? ` (${terminalSafe(request.reason.replace(/[\r\n]+/g, ' '))})` : '';
  const preview = request.preview ? `${terminalSafe(request.preview)}\n` : '';
  const session = request.sessionRule ? ` [s]ession (${terminalSafe(request.sessionRule)})` : '';
  return `${preview}Allow ${describe(request)}${why}? [y]es [n]o${session} `;
}

/** The person's line as an answer; null when it is none of the choices. */
export function parseReply(request: PermissionRequest, line: string): PermissionAnswer | null {
  const reply = line.trim();
  if (request.kind === 'question') {
    const question = request.questions?.[0];
    if (!question || reply === '') return { decision: 'deny', message: 'The person chose not to answer.' };
    const index = Number(reply);
    const label = Number.isInteger(index) && index >= 1 && index <= question.options.length ? question.options[index - 1]!.label : reply;
    return { decision: 'allow', answers: { [question.question]: label } };
  }
  const word = reply.toLowerCase();
  if (word === 'y' || word === 'yes') return { decision: 'allow' };
  if (word === 'n' || word === 'no') return { decision: 'deny' };
  if ((word === 's' || word === 'session') && request.sessionRule) return { decision: 'allow', scope: 'session' };
  return null;
}
