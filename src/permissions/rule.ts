/**
 * Permission rules in Claude Code's own syntax: `Tool` (every use of the tool) or `Tool(content)`:
 * `Bash(npm test:*)` (a command prefix), `Bash(git status)` (one command), `Edit(src/**)` (a path
 * glob), `WebFetch(domain:example.com)`. Rules come from persona files in a repository: each one is
 * checked, and one that does not parse is refused with the reason.
 */
import { troupeError } from '../errors/troupe-error.js';

export interface PermissionRule {
  tool: string;
  /** What is inside the parentheses; absent: every use of the tool. */
  content?: string;
}

export const MAX_RULE_CHARS = 300;
export const MAX_RULES = 200;

const TOOL_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;

/** The rule, or why it is not one. */
export function parseRule(text: string): PermissionRule | { problem: string } {
  if (typeof text !== 'string') return { problem: 'a rule is a string' };
  if (text.length === 0 || text.length > MAX_RULE_CHARS) return { problem: `a rule has 1 to ${MAX_RULE_CHARS} characters` };
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return { problem: 'a rule has no control characters' };
  const open = text.indexOf('(');
  if (open === -1) return TOOL_NAME.test(text) ? { tool: text } : { problem: `"${text}" is not a tool name` };
  if (!text.endsWith(')')) return { problem: 'a rule with "(" ends with ")"' };
  const tool = text.slice(0, open);
  const content = text.slice(open + 1, -1);
  if (!TOOL_NAME.test(tool)) return { problem: `"${tool}" is not a tool name` };
  if (content.trim() === '') return { problem: 'empty parentheses: write the tool name alone to allow every use' };
  if (tool === 'WebFetch' && !content.startsWith('domain:')) return { problem: 'a WebFetch rule is WebFetch(domain:<host>)' };
  return { tool, content };
}

export function isRule(parsed: PermissionRule | { problem: string }): parsed is PermissionRule {
  return !('problem' in parsed);
}

export function formatRule(rule: PermissionRule): string {
  return rule.content === undefined ? rule.tool : `${rule.tool}(${rule.content})`;
}

/** Checks a list of rules from `where` (a file, a flag); INVALID_ARGUMENT naming the first bad one. */
export function checkRules(rules: readonly string[], where: string): string[] {
  if (rules.length > MAX_RULES) throw troupeError('INVALID_ARGUMENT', `${where}: at most ${MAX_RULES} rules`);
  for (const [index, text] of rules.entries()) {
    const parsed = parseRule(text);
    if (!isRule(parsed)) throw troupeError('INVALID_ARGUMENT', `${where}: rule ${index + 1} ${JSON.stringify(String(text).slice(0, 80))}: ${parsed.problem}`);
  }
  return [...rules];
}
