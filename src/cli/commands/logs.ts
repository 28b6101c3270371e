/** `troupe logs <session-id>`: one session's history from its log, as a transcript or JSON lines. */
import { InvalidArgumentError, type Command } from 'commander';
import { once } from 'node:events';
import { readLinesForward } from '../../logs/lines-forward.js';
import { findSessionLog } from '../../logs/log-files.js';
import { parseLogLine } from '../../logs/parse-line.js';
import { readLogHeader } from '../../logs/read-header.js';
import { readLogPage } from '../../logs/read-page.js';
import type { LogRecord } from '../../logs/records.js';
import { SessionPrinter } from '../session-printer.js';
import { terminalSafe, terminalSafeJson } from '../../text/terminal-safe.js';
import { resolveProjectRoot } from '../project-root.js';

export interface LogsCommandOptions {
  project?: string;
  json?: boolean;
  tail?: number;
}

export interface LogsIo {
  /** May return a promise to apply backpressure: a large log is streamed, not held. */
  out: (text: string) => void | Promise<void>;
  err: (text: string) => void;
  cwd?: string;
  color?: boolean;
}

export async function runLogsCommand(sessionId: string, options: LogsCommandOptions, io: LogsIo): Promise<void> {
  const root = await resolveProjectRoot(options.project, io.cwd);
  const path = await findSessionLog(root, sessionId);
  let pending = '';
  const printer = new SessionPrinter({ out: (text) => (pending += text), err: (text) => (pending += text) }, { mode: 'transcript', color: io.color });
  const emit = async (record: LogRecord): Promise<void> => {
    if (options.json) pending += `${terminalSafeJson(record)}\n`;
    else printer.print(record);
    const text = pending;
    pending = '';
    if (text) await io.out(text);
  };

  let skipped = 0;
  if (options.tail !== undefined) {
    const page = await readLogPage(path, { limit: options.tail });
    skipped = page.skipped;
    const records = page.records.reverse();
    if (!options.json && records[0]?.type !== 'header') {
      await emit(await readLogHeader(path));
      if (page.nextBefore !== null) await io.out('…\n');
    }
    for (const record of records) await emit(record);
  } else {
    for await (const line of readLinesForward(path)) {
      const record = parseLogLine(line.text);
      if (record) await emit(record);
      else if (line.text.length > 0) skipped += 1;
    }
  }
  if (!options.json) {
    printer.finish();
    if (pending) await io.out(pending);
  }
  if (skipped > 0) io.err(`troupe logs: ${skipped} line(s) of ${terminalSafe(path)} were not records (torn by a crash, or damaged) and were skipped\n`);
}

function parseTail(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of records, at least 1.');
  return n;
}

export function registerLogsCommand(program: Command): void {
  program
    .command('logs')
    .description("print a session's history from its log: user messages, assistant text, tool calls, lifecycle")
    .argument('<session-id>', 'session id (or a unique prefix), see `troupe sessions`')
    .option('--project <dir>', 'project root (default: nearest folder holding .beads/, else the working directory)')
    .option('--json', 'print the log records as JSON lines')
    .option('--tail <n>', 'only the last N records', parseTail)
    .action(async (sessionId: string, options: LogsCommandOptions) => {
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(0);
        throw error;
      });
      await runLogsCommand(sessionId, options, {
        out: async (text) => {
          if (!process.stdout.write(text)) await once(process.stdout, 'drain');
        },
        err: (text) => process.stderr.write(text),
        color: process.stdout.isTTY === true && !process.env.NO_COLOR,
      });
    });
}
