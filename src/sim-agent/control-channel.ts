/**
 * stdin of a long-lived run: user lines are turns; with `--permission-prompt-tool stdio` the same
 * stream carries Claude Code's control protocol: `initialize`, the client's answers to the agent's
 * `can_use_tool` requests, and `interrupt` (which withdraws what is pending and ends the turn).
 */
import type { Readable } from 'node:stream';
import type { JsonLine, LineWriter } from './line-writer.js';
import { parseUserLine, readLines } from './stdin-turns.js';
import { newUuid } from './ids.js';

/** The client's answer to one request, or the turn's interrupt while it was pending. */
export type ControlAnswer =
  | { behavior: 'allow'; updatedInput?: Record<string, unknown> }
  | { behavior: 'deny'; message: string }
  | { behavior: 'interrupted' };

export class ControlChannel {
  private readonly queue: (string | null)[] = [];
  private wakeTurn: (() => void) | null = null;
  private readonly pending = new Map<string, (answer: ControlAnswer) => void>();
  private turnActive = false;
  /** Set by an interrupt of the running turn; the turn ends at its next step. */
  interrupted = false;

  constructor(
    private readonly writer: LineWriter,
    private readonly onPermissionMode: (mode: string) => void,
  ) {}

  /** Reads stdin until it ends; call once. */
  async run(input: Readable): Promise<void> {
    for await (const line of readLines(input)) await this.dispatch(line);
    this.push(null);
  }

  /** The next turn's text; null once stdin has ended. */
  async nextTurn(): Promise<string | null> {
    while (this.queue.length === 0) await new Promise<void>((resolve) => (this.wakeTurn = resolve));
    return this.queue.shift() as string | null;
  }

  beginTurn(): void {
    this.turnActive = true;
    this.interrupted = false;
  }

  endTurn(): void {
    this.turnActive = false;
  }

  /** Asks the client and waits for its answer (forever, as Claude does). */
  ask(request: Record<string, unknown>): Promise<ControlAnswer> {
    if (this.interrupted) return Promise.resolve({ behavior: 'interrupted' });
    const requestId = newUuid();
    return new Promise((resolve) => {
      this.pending.set(requestId, resolve);
      void this.writer.event({ type: 'control_request', request_id: requestId, request: { subtype: 'can_use_tool', ...request } });
    });
  }

  private push(text: string | null): void {
    this.queue.push(text);
    this.wakeTurn?.();
    this.wakeTurn = null;
  }

  private async dispatch(line: string): Promise<void> {
    let message: { type?: unknown; request_id?: unknown; request?: { subtype?: unknown; mode?: unknown }; response?: { request_id?: unknown; subtype?: unknown; response?: unknown } };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      process.stderr.write(`troupe-sim-agent: skipped a stdin line (not JSON): ${line.slice(0, 200)}\n`);
      return;
    }
    if (message?.type === 'control_request') return this.onRequest(String(message.request_id ?? ''), message.request ?? {});
    if (message?.type === 'control_response') return this.onResponse(message.response ?? {});
    const parsed = parseUserLine(line);
    if ('error' in parsed) process.stderr.write(`troupe-sim-agent: skipped a stdin line (${parsed.error}): ${line.slice(0, 200)}\n`);
    else this.push(parsed.text);
  }

  private async onRequest(requestId: string, request: { subtype?: unknown; mode?: unknown }): Promise<void> {
    switch (request.subtype) {
      case 'initialize':
        return this.respond(requestId, { commands: [], models: [], output_style: 'default', pid: process.pid });
      case 'interrupt':
        if (this.turnActive) {
          this.interrupted = true;
          for (const [id, resolve] of this.pending) {
            await this.writer.event({ type: 'control_cancel_request', request_id: id });
            resolve({ behavior: 'interrupted' });
          }
          this.pending.clear();
        }
        return this.respond(requestId, { still_queued: [] });
      case 'set_permission_mode':
        if (typeof request.mode === 'string') this.onPermissionMode(request.mode);
        return this.respond(requestId, {});
      default:
        await this.writer.event({ type: 'control_response', response: { subtype: 'error', request_id: requestId, error: `unsupported control request ${String(request.subtype)}` } });
    }
  }

  private onResponse(response: { request_id?: unknown; subtype?: unknown; response?: unknown }): void {
    const requestId = String(response.request_id ?? '');
    const resolve = this.pending.get(requestId);
    if (!resolve) {
      process.stderr.write(`troupe-sim-agent: a control_response for no pending request (${requestId})\n`);
      return;
    }
    this.pending.delete(requestId);
    resolve(toAnswer(response.subtype === 'success' ? response.response : undefined));
  }

  private respond(requestId: string, response: JsonLine): Promise<void> {
    return this.writer.event({ type: 'control_response', response: { subtype: 'success', request_id: requestId, response } });
  }
}

function toAnswer(body: unknown): ControlAnswer {
  const answer = (body ?? {}) as { behavior?: unknown; updatedInput?: unknown; message?: unknown };
  if (answer.behavior === 'allow') {
    const input = answer.updatedInput;
    return typeof input === 'object' && input !== null ? { behavior: 'allow', updatedInput: input as Record<string, unknown> } : { behavior: 'allow' };
  }
  return { behavior: 'deny', message: typeof answer.message === 'string' ? answer.message : 'denied' };
}
