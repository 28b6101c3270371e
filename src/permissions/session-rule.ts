/**
 * The rule "allow for this session" adds: the CLI's own suggestion when it made one that parses,
 * else the narrowest rule for the call (this command, this file, this host).
 */
import { relative, resolve } from 'node:path';
import { formatRule, isRule, parseRule } from './rule.js';
import { plainCommand } from './shell-segments.js';
import { EDIT_TOOLS, filePathOf, QUESTION_TOOL, stringInput } from './tool-kinds.js';

export function sessionRuleFor(call: { toolName: string; input: unknown; suggestions?: readonly string[] }, cwd: string): string | undefined {
  if (call.toolName === QUESTION_TOOL) return undefined;
  for (const suggestion of call.suggestions ?? []) {
    const rule = parseRule(suggestion);
    if (isRule(rule) && rule.tool === call.toolName) return suggestion;
  }
  if (call.toolName === 'Bash') {
    const command = plainCommand(stringInput(call.input, 'command') ?? '');
    return command ? formatRule({ tool: 'Bash', content: command }) : undefined;
  }
  if (call.toolName === 'WebFetch') {
    try {
      return formatRule({ tool: 'WebFetch', content: `domain:${new URL(stringInput(call.input, 'url') ?? '').hostname}` });
    } catch {
      return undefined;
    }
  }
  const path = filePathOf(call.input);
  if (path !== undefined) {
    const rel = relative(cwd, resolve(cwd, path));
    const tool = EDIT_TOOLS.has(call.toolName) ? 'Edit' : call.toolName;
    if (rel && !rel.startsWith('..') && !/[()*?[\]{}]/.test(rel)) return formatRule({ tool, content: rel });
    return undefined;
  }
  return call.toolName;
}
