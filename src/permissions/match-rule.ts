/** Does a rule (Claude Code's syntax) cover one tool call? */
import { isAbsolute, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import type { PermissionRule } from './rule.js';
import { commandSegments, plainCommand } from './shell-segments.js';
import { EDIT_TOOLS, filePathOf, READ_TOOLS, stringInput } from './tool-kinds.js';

export interface ToolCall {
  toolName: string;
  input: unknown;
}

/** `use`: allow rules match plain commands only; deny rules match any command of a line. */
export function ruleMatches(rule: PermissionRule, call: ToolCall, cwd: string, use: 'allow' | 'deny'): boolean {
  if (!sameTool(rule.tool, call.toolName)) return false;
  if (rule.content === undefined) return true;
  if (call.toolName === 'Bash') return bashMatches(rule.content, stringInput(call.input, 'command') ?? '', use);
  if (call.toolName === 'WebFetch') return domainMatches(rule.content, stringInput(call.input, 'url'));
  if (EDIT_TOOLS.has(call.toolName) || READ_TOOLS.has(call.toolName)) return pathMatches(rule.content, filePathOf(call.input), cwd);
  return false;
}

/** An `Edit` rule covers every tool that edits, as in Claude Code; a `Read` rule every file reader. */
function sameTool(ruleTool: string, tool: string): boolean {
  if (ruleTool === tool) return true;
  if (ruleTool === 'Edit') return EDIT_TOOLS.has(tool);
  if (ruleTool === 'Read') return tool === 'Read' || tool === 'Glob' || tool === 'Grep' || tool === 'LS' || tool === 'NotebookRead';
  return false;
}

function bashMatches(content: string, command: string, use: 'allow' | 'deny'): boolean {
  const matchOne = commandMatcher(content);
  if (use === 'deny') return commandSegments(command).some(matchOne);
  const plain = plainCommand(command);
  return plain !== null && matchOne(plain);
}

/** `prefix:*` (the command or the command and more words), `*` wildcards, else the exact command. */
function commandMatcher(content: string): (command: string) => boolean {
  if (content.endsWith(':*')) {
    const prefix = content.slice(0, -2).trim();
    return (command) => command === prefix || command.startsWith(`${prefix} `);
  }
  if (content.includes('*')) {
    const pattern = new RegExp(`^${content.split('*').map(escapeRegExp).join('.*')}$`, 's');
    return (command) => pattern.test(command);
  }
  const exact = content.trim();
  return (command) => command === exact;
}

function domainMatches(content: string, url: string | undefined): boolean {
  if (url === undefined) return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  const domain = content.slice('domain:'.length).toLowerCase();
  if (domain.startsWith('*.')) return host.endsWith(domain.slice(1));
  return host === domain;
}

/** Globs are relative to the session's folder (`//abs` or `/abs` for absolute ones); `..` never matches a relative glob. */
function pathMatches(content: string, path: string | undefined, cwd: string): boolean {
  if (path === undefined) return false;
  const full = resolve(cwd, path);
  const absoluteGlob = content.startsWith('/');
  const glob = absoluteGlob ? content.replace(/^\/+/, '/') : content.replace(/^\.\//, '');
  const target = absoluteGlob ? full : relative(cwd, full);
  if (!absoluteGlob && (target.startsWith('..') || isAbsolute(target))) return false;
  return picomatch(glob, { dot: true })(target);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
