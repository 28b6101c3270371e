/** `troupe sessions`: the sessions recorded in the project's logs, with their status. */
import type { Command } from 'commander';
import { listSessions } from '../../logs/list-sessions.js';
import type { LoggedSession } from '../../logs/summarize.js';
import { sessionsRoot } from '../../logs/paths.js';
import { terminalSafe, terminalSafeDeep, terminalSafeJson } from '../../text/terminal-safe.js';
import { resolveProjectRoot } from '../project-root.js';

export interface SessionsCommandOptions {
  project?: string;
  json?: boolean;
  all?: boolean;
  /** How many of the newest are shown without --all. */
  recent?: number;
}

/** Sessions shown without --all: the newest, whatever their state (right after a run, it is there). */
export const RECENT_SESSIONS = 20;

export interface SessionsIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd?: string;
  now?: () => number;
}

export async function runSessionsCommand(options: SessionsCommandOptions, io: SessionsIo): Promise<LoggedSession[]> {
  const root = await resolveProjectRoot(options.project, io.cwd);
  const all = await listSessions(root, {
    onProblem: (path, message) => io.err(`troupe sessions: skipped ${terminalSafe(path)}: ${terminalSafe(message)}\n`),
  });
  const shown = options.all ? all : all.slice(0, options.recent ?? RECENT_SESSIONS);
  if (options.json) {
    io.out(`${terminalSafeJson(shown, 2)}\n`);
    return shown;
  }
  const hidden = all.length - shown.length;
  if (all.length === 0) {
    io.out(`No sessions recorded under ${terminalSafe(sessionsRoot(root))}.\n`);
    return shown;
  }
  // Ids, beads, personas and backends come from the logs' headers: data, maybe crafted.
  if (shown.length > 0) io.out(formatSessionsTable(terminalSafeDeep(shown), (io.now ?? Date.now)()));
  const notes: string[] = [];
  notes.push(hidden > 0 ? `the ${shown.length} newest of ${all.length} sessions shown` : `${shown.length} session${shown.length === 1 ? '' : 's'} shown`);
  if (hidden > 0) notes.push('--all shows every one');
  io.out(`${notes.join('; ')}.\n`);
  if (shown.some((session) => session.resumable)) {
    io.out('Any session not running can be continued: troupe resume <id> "<message>"\n');
  }
  return shown;
}

const COLUMNS = ['ID', 'BEAD', 'PERSONA', 'BACKEND', 'STATUS', 'STARTED', 'LAST ACTIVITY', 'TURNS', 'RESTARTS'];

/** One row per session, columns padded to fit. */
export function formatSessionsTable(sessions: LoggedSession[], now: number): string {
  const rows = sessions.map((s) => [
    s.id.slice(0, 8),
    s.beadId ?? '-',
    s.persona,
    s.backend,
    s.label,
    localMinute(s.startedAt),
    ago(now - s.lastActivity),
    String(s.turns),
    String(s.restarts),
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    `${cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()}\n`;
  return line(COLUMNS) + rows.map(line).join('');
}

/** "12s ago", "5m ago", "3h ago", "2d ago". */
export function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}

function localMinute(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function registerSessionsCommand(program: Command): void {
  program
    .command('sessions')
    .description(`list the sessions recorded in the logs, newest first: the last ${RECENT_SESSIONS}, or every one with --all`)
    .option('--project <dir>', 'project root (default: nearest folder holding .beads/, else the working directory)')
    .option('--json', 'print the sessions as JSON')
    .option('--all', `every session, not only the ${RECENT_SESSIONS} newest`)
    .action(async (options: SessionsCommandOptions) => {
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(0);
        throw error;
      });
      await runSessionsCommand(options, {
        out: (text) => process.stdout.write(text),
        err: (text) => process.stderr.write(text),
      });
    });
}
