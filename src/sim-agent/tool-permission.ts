/**
 * Whether a tool call that asks first may run, as Claude Code decides it: the permission mode,
 * else the client over the control protocol, else (nobody to ask) not granted.
 */
import { answeredText, notGrantedText } from './approval-calls.js';
import type { ControlChannel } from './control-channel.js';
import type { ToolCall } from './tool-calls.js';

export type Permit =
  | { run: true; output: string }
  | { run: false; text: string }
  | { run: false; interrupted: true };

export async function permitTool(call: ToolCall, toolUseId: string, permissionMode: string, channel: ControlChannel | undefined, cwd: string): Promise<Permit> {
  if (call.needs === undefined || permissionMode === 'bypassPermissions') return { run: true, output: call.output };
  if (call.needs === 'approval' && call.name === 'Edit' && permissionMode === 'acceptEdits') return { run: true, output: call.output };
  if (!channel) return { run: false, text: notGrantedText(call.name) };
  const answer = await channel.ask({
    tool_name: call.name,
    display_name: call.name,
    input: call.input,
    ...(typeof call.input.description === 'string' ? { description: call.input.description } : {}),
    permission_suggestions: suggestions(call, cwd),
    tool_use_id: toolUseId,
  });
  if (answer.behavior === 'interrupted') return { run: false, interrupted: true };
  if (answer.behavior === 'deny') return { run: false, text: answer.message };
  if (call.needs === 'answer') {
    const answers = answer.updatedInput?.answers;
    return { run: true, output: answeredText(typeof answers === 'object' && answers !== null ? (answers as Record<string, string>) : {}) };
  }
  return { run: true, output: call.output };
}

function suggestions(call: ToolCall, cwd: string): unknown[] {
  if (call.name === 'Bash') {
    return [
      { type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: String(call.input.command) }], behavior: 'allow', destination: 'localSettings' },
      { type: 'addDirectories', directories: [cwd], destination: 'session' },
    ];
  }
  if (call.name === 'Edit') return [{ type: 'setMode', mode: 'acceptEdits', destination: 'session' }];
  return [];
}
