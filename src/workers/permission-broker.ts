/**
 * The permission requests of one agent process: each request the CLI sends on its control protocol
 * is decided by the session's policy at once, or published for a person (`permission-requested`)
 * and held until an answer, a cancel or the agent's end. Every answer is published
 * (`permission-resolved`) when it is written to the CLI.
 */
import type { ControlDriver, ToolPermissionAsk } from '../backends/types.js';
import { troupeError } from '../errors/troupe-error.js';
import { decide } from '../permissions/decide.js';
import { describeToolCall } from '../permissions/describe-tool-call.js';
import { sessionRuleFor } from '../permissions/session-rule.js';
import type { PermissionAnswer, PermissionPolicy, PermissionRequest } from '../protocol/permissions.js';
import type { SessionEventBody } from '../protocol/session-events.js';
import { QUESTION_TOOL } from '../permissions/tool-kinds.js';

/** Tool input larger than this (as JSON) stays out of the event; the summary and preview say what it does. */
const MAX_EVENT_INPUT_CHARS = 8 * 1024;
const ANSWERED_KEPT = 256;

export interface BrokerDeps {
  driver: ControlDriver;
  write(line: string): void;
  publish(body: SessionEventBody): void;
  now(): number;
  policy: PermissionPolicy;
  /** Rules a person allowed for the session so far. */
  sessionRules(): readonly string[];
  cwd: string;
  /** True while a request waits for a person, false once none does. */
  onWaiting(waiting: boolean): void;
}

export class PermissionBroker {
  private readonly pending = new Map<string, { ask: ToolPermissionAsk; request: PermissionRequest }>();
  private readonly answered = new Set<string>();

  constructor(private readonly deps: BrokerDeps) {}

  open(): void {
    for (const line of this.deps.driver.open()) this.deps.write(line);
  }

  get waiting(): boolean {
    return this.pending.size > 0;
  }

  /** True when the line was the control protocol's (and is handled here). */
  onLine(line: string): boolean {
    const events = this.deps.driver.read(line);
    if (events === null) return false;
    for (const event of events) {
      if (event.kind === 'ask') this.onAsk(event.ask);
      else if (event.kind === 'cancel') this.settle(event.requestId, { type: 'permission-resolved', requestId: event.requestId, decision: 'deny', by: 'cancelled' });
      else if (event.kind === 'reply') this.deps.write(event.line);
    }
    return true;
  }

  answer(requestId: string, answer: PermissionAnswer): void {
    const entry = this.pending.get(requestId);
    if (!entry) {
      if (this.answered.has(requestId)) throw troupeError('ALREADY_ANSWERED', `permission request ${requestId} was already answered`);
      throw troupeError('UNKNOWN_REQUEST', `no pending permission request ${requestId} (it may have been withdrawn by an interrupt or a restart)`);
    }
    const rule = answer.decision === 'allow' && answer.scope === 'session' ? entry.request.sessionRule : undefined;
    this.deps.write(this.deps.driver.answer(entry.ask, answer));
    this.settle(requestId, {
      type: 'permission-resolved',
      requestId,
      decision: answer.decision,
      by: 'person',
      ...(rule ? { scope: 'session' as const, rule } : answer.scope ? { scope: 'once' as const } : {}),
      ...(answer.message ? { message: answer.message } : {}),
      ...(answer.answers ? { answers: answer.answers } : {}),
    });
  }

  /** The agent is gone: what it asked can no longer be answered. */
  cancelAll(): void {
    for (const requestId of [...this.pending.keys()]) this.settle(requestId, { type: 'permission-resolved', requestId, decision: 'deny', by: 'cancelled' });
  }

  interruptLine(): string {
    return this.deps.driver.interrupt();
  }

  private onAsk(ask: ToolPermissionAsk): void {
    const request = this.describe(ask);
    const verdict = decide(this.deps.policy, this.deps.sessionRules(), { toolName: ask.toolName, input: ask.input }, this.deps.cwd);
    if (verdict) {
      const message = verdict.decision === 'deny' ? `troupe's policy for this session: ${verdict.why}` : undefined;
      this.deps.write(this.deps.driver.answer(ask, { decision: verdict.decision, ...(message ? { message } : {}) }));
      this.remember(ask.requestId);
      this.deps.publish({ type: 'permission-resolved', requestId: ask.requestId, decision: verdict.decision, by: 'policy', message: verdict.why, ...(verdict.rule ? { rule: verdict.rule } : {}), request });
      return;
    }
    this.pending.set(ask.requestId, { ask, request });
    this.deps.publish({ type: 'permission-requested', request });
    if (this.pending.size === 1) this.deps.onWaiting(true);
  }

  private settle(requestId: string, body: Extract<SessionEventBody, { type: 'permission-resolved' }>): void {
    if (!this.pending.delete(requestId)) return;
    this.remember(requestId);
    this.deps.publish(body);
    if (this.pending.size === 0) this.deps.onWaiting(false);
  }

  private remember(requestId: string): void {
    this.answered.add(requestId);
    if (this.answered.size > ANSWERED_KEPT) this.answered.delete(this.answered.values().next().value as string);
  }

  private describe(ask: ToolPermissionAsk): PermissionRequest {
    const described = describeToolCall(ask.toolName, ask.input, ask.description);
    const request: PermissionRequest = {
      requestId: ask.requestId,
      kind: ask.toolName === QUESTION_TOOL ? 'question' : 'tool',
      toolName: ask.toolName,
      summary: described.summary,
      askedAt: this.deps.now(),
    };
    if (described.preview) request.preview = described.preview;
    if (described.reason) request.reason = described.reason;
    if (described.questions) request.questions = described.questions;
    if ((JSON.stringify(ask.input) ?? '').length <= MAX_EVENT_INPUT_CHARS) request.input = ask.input;
    const suggestions = ask.suggestions.slice(0, 8);
    if (suggestions.length > 0) request.suggestions = suggestions;
    const sessionRule = sessionRuleFor(ask, this.deps.cwd);
    if (sessionRule) request.sessionRule = sessionRule;
    if (ask.toolUseId) request.toolUseId = ask.toolUseId;
    if (ask.blockedPath) request.blockedPath = ask.blockedPath;
    if (ask.emittedAt !== undefined) request.emittedAt = ask.emittedAt;
    return request;
  }
}
