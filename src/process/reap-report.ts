/** What the reaper ended, as lines a person reads where troupe starts (pid and command). */
import { terminalSafe } from '../text/terminal-safe.js';
import type { ReapedGroup } from './reap-orphans.js';

/** Command lines carry whole prompts: a line shows their start. */
const MAX_COMMAND_CHARS = 120;

function command(cmdline: string[]): string {
  const text = terminalSafe(cmdline.join(' ')).replace(/\s+/g, ' ').trim() || '(no command line)';
  return text.length > MAX_COMMAND_CHARS ? `${text.slice(0, MAX_COMMAND_CHARS - 1)}…` : text;
}

export function describeReaped(groups: readonly ReapedGroup[]): string[] {
  return groups.flatMap((group) => [
    `reaped agent process group ${group.entry.pgid} left by troupe ${group.entry.ownerPid} (session ${terminalSafe(group.entry.sessionId)}):`,
    ...group.processes.map((p) => `  pid ${p.pid}: ${command(p.cmdline)}`),
  ]);
}
