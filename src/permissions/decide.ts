/**
 * troupe's decision on a tool call before any person is asked: deny rules first (deny wins), then
 * allow rules (the policy's and those a person allowed for the session), then the mode. Null: ask a
 * person. A question (AskUserQuestion) always goes to a person.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { PermissionDecision, PermissionPolicy } from '../protocol/permissions.js';
import { ruleMatches, type ToolCall } from './match-rule.js';
import { isRule, parseRule } from './rule.js';
import { EDIT_TOOLS, filePathOf, QUESTION_TOOL, READ_TOOLS } from './tool-kinds.js';

export interface PolicyVerdict {
  decision: PermissionDecision;
  /** The rule that decided, when one did. */
  rule?: string;
  /** In a few words, for the log and the card. */
  why: string;
}

export function decide(policy: PermissionPolicy, sessionRules: readonly string[], call: ToolCall, cwd: string): PolicyVerdict | null {
  const deny = firstMatch(policy.deny ?? [], call, cwd, 'deny');
  if (deny) return { decision: 'deny', rule: deny, why: `denied by the rule ${deny}` };
  if (call.toolName === QUESTION_TOOL) return null;
  const allow = firstMatch([...(policy.allow ?? []), ...sessionRules], call, cwd, 'allow');
  if (allow) return { decision: 'allow', rule: allow, why: `allowed by the rule ${allow}` };
  switch (policy.mode) {
    case 'bypass':
      return { decision: 'allow', why: 'permission mode bypass' };
    case 'accept-edits':
      return EDIT_TOOLS.has(call.toolName) && insideFolder(filePathOf(call.input), cwd) ? { decision: 'allow', why: 'permission mode accept-edits' } : null;
    case 'read-only':
      return READ_TOOLS.has(call.toolName) ? null : { decision: 'deny', why: 'permission mode read-only' };
    case 'ask':
      return null;
  }
}

function firstMatch(rules: readonly string[], call: ToolCall, cwd: string, use: 'allow' | 'deny'): string | undefined {
  for (const text of rules) {
    const rule = parseRule(text);
    if (isRule(rule) && ruleMatches(rule, call, cwd, use)) return text;
  }
  return undefined;
}

function insideFolder(path: string | undefined, cwd: string): boolean {
  if (path === undefined) return false;
  const rel = relative(cwd, resolve(cwd, path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
