/** `system` lines: the init line that opens every turn, and status notices. */
import { homedir } from 'node:os';
import { CLAUDE_CODE_VERSION, type EventContext } from './event-context.js';
import { newUuid } from './ids.js';
import type { JsonLine } from './line-writer.js';

const TOOLS = [
  'Task', 'AskUserQuestion', 'Bash', 'Edit', 'Glob', 'Grep', 'NotebookEdit', 'Read', 'Skill', 'TaskStop', 'ToolSearch',
  'WebFetch', 'WebSearch', 'Write',
];
const SLASH_COMMANDS = ['compact', 'context', 'cost', 'init', 'review', 'security-review', 'usage'];
const AGENTS = ['claude', 'Explore', 'general-purpose', 'Plan'];

/** Claude's project folder name for a cwd: every non-alphanumeric character becomes '-'. */
function projectSlug(cwd: string): string {
  return cwd.replace(/[^A-Za-z0-9]/g, '-');
}

export function initEvent(ctx: EventContext): JsonLine {
  return {
    type: 'system',
    subtype: 'init',
    cwd: ctx.cwd,
    session_id: ctx.sessionId,
    tools: TOOLS,
    mcp_servers: [],
    model: ctx.model,
    permissionMode: ctx.permissionMode,
    slash_commands: SLASH_COMMANDS,
    terminal_slash_commands: [],
    apiKeySource: 'none',
    claude_code_version: CLAUDE_CODE_VERSION,
    output_style: 'default',
    agents: AGENTS,
    skills: [],
    plugins: [],
    capabilities: [],
    analytics_disabled: true,
    product_feedback_disabled: true,
    served_by_anthropic: false,
    uuid: newUuid(),
    memory_paths: { auto: `${homedir()}/.claude/projects/${projectSlug(ctx.cwd)}/memory/` },
    original_cwd: ctx.cwd,
    additional_directories: [],
    messaging_socket_path: '',
    fast_mode_state: 'off',
    fast_mode_disabled_reason: 'sdk_opt_in_required',
    per_turn_effort_active: true,
    ultrathink_available: false,
    ultrathink_typed_raises: false,
    view_mode: 'default',
  };
}

/** Written before each API request when partial messages are on. */
export function statusEvent(ctx: EventContext, status: string): JsonLine {
  return { type: 'system', subtype: 'status', status, session_id: ctx.sessionId, uuid: newUuid() };
}
