/**
 * Claude Code's control protocol (`--input-format stream-json --permission-prompt-tool stdio`),
 * as the Claude Agent SDK speaks it: troupe sends `initialize` first; the CLI sends
 * `control_request {subtype: can_use_tool}` and waits for a `control_response` with
 * `{behavior: allow, updatedInput}` or `{behavior: deny, message}`; a client `interrupt` makes it
 * send `control_cancel_request` for what is pending and end the turn. The simulated agent speaks it too.
 */
import type { PermissionAnswer } from '../protocol/permissions.js';
import { arrayField, isObject, numberField, objectField, stringField, type JsonObject } from './json-fields.js';
import type { ControlDriver, ControlEvent, ToolPermissionAsk } from './types.js';

/** Sent with a denial that names no reason. */
export const DEFAULT_DENY_MESSAGE = 'The person supervising this session denied this action.';

export function createClaudeControlDriver(): ControlDriver {
  let sent = 0;
  const request = (subtype: string): string => {
    sent += 1;
    return line({ type: 'control_request', request_id: `troupe_${subtype}_${sent}`, request: { subtype } });
  };
  return {
    open: () => [request('initialize')],
    read(text: string): ControlEvent[] | null {
      // Cheap test first: most lines are the conversation, and the parser reads those.
      if (!text.includes('"control_')) return null;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return null;
      }
      if (!isObject(value)) return null;
      switch (stringField(value, 'type')) {
        case 'control_request': {
          const event = onRequest(value);
          const ts = numberField(value, 'ts');
          if (event.kind === 'ask' && ts !== undefined) event.ask.emittedAt = ts;
          return [event];
        }
        case 'control_cancel_request': {
          const requestId = stringField(value, 'request_id');
          return requestId ? [{ kind: 'cancel', requestId }] : [];
        }
        case 'control_response': {
          const response = objectField(value, 'response');
          const requestId = stringField(response, 'request_id') ?? '';
          const error = stringField(response, 'subtype') === 'error' ? (stringField(response, 'error') ?? 'error') : undefined;
          return [{ kind: 'ack', requestId, ...(error ? { error } : {}) }];
        }
        default:
          return null;
      }
    },
    answer(ask: ToolPermissionAsk, answer: PermissionAnswer): string {
      const body =
        answer.decision === 'allow'
          ? { behavior: 'allow', updatedInput: answer.answers ? { ...(isObject(ask.input) ? ask.input : {}), answers: answer.answers } : ask.input }
          : { behavior: 'deny', message: answer.message ?? DEFAULT_DENY_MESSAGE };
      return line({ type: 'control_response', response: { subtype: 'success', request_id: ask.requestId, response: body } });
    },
    interrupt: () => request('interrupt'),
  };
}

function onRequest(message: JsonObject): ControlEvent {
  const requestId = stringField(message, 'request_id') ?? '';
  const body = objectField(message, 'request');
  const subtype = stringField(body, 'subtype');
  if (subtype !== 'can_use_tool') {
    // Hooks, MCP messages...: troupe registers none, so it says so rather than leave the CLI waiting.
    return { kind: 'reply', line: line({ type: 'control_response', response: { subtype: 'error', request_id: requestId, error: `troupe does not handle ${subtype ?? 'this'} requests` } }) };
  }
  const toolName = stringField(body, 'tool_name') ?? 'unknown tool';
  const ask: ToolPermissionAsk = { requestId, toolName, input: body?.input ?? {}, suggestions: suggestedRules(body) };
  const description = stringField(body, 'description') ?? stringField(body, 'decision_reason');
  const toolUseId = stringField(body, 'tool_use_id');
  const blockedPath = stringField(body, 'blocked_path');
  if (description) ask.description = description;
  if (toolUseId) ask.toolUseId = toolUseId;
  if (blockedPath) ask.blockedPath = blockedPath;
  return { kind: 'ask', ask };
}

/** The `addRules` allow suggestions, as rules in the CLI's syntax (`Bash(npm test:*)`). */
function suggestedRules(body: JsonObject | undefined): string[] {
  const rules: string[] = [];
  for (const suggestion of arrayField(body, 'permission_suggestions') ?? []) {
    if (stringField(suggestion, 'type') !== 'addRules' || stringField(suggestion, 'behavior') !== 'allow') continue;
    for (const rule of arrayField(suggestion, 'rules') ?? []) {
      const tool = stringField(rule, 'toolName');
      const content = stringField(rule, 'ruleContent');
      if (tool) rules.push(content ? `${tool}(${content})` : tool);
    }
  }
  return rules;
}

function line(message: JsonObject): string {
  return `${JSON.stringify(message)}\n`;
}
