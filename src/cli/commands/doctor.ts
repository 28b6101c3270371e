/** `troupe doctor`: which agent CLIs are installed, their versions, and whether troupe was tested with them. */
import type { Command } from 'commander';
import { detectBackends, getBackend } from '../../backends/index.js';
import { checkTestedVersion, isRealCli, type VersionVerdict } from '../../backends/tested-versions.js';
import { terminalSafe, terminalSafeJson } from '../../text/terminal-safe.js';

export interface DoctorEntry {
  id: string;
  displayName: string;
  installed: boolean;
  path?: string;
  version?: string;
  verdict: VersionVerdict | 'missing' | 'built-in';
  /** What to tell the user about this backend. */
  message: string;
  /** True when the user should act (missing, untested version, broken install). */
  warning: boolean;
}

export interface DoctorIo {
  out: (text: string) => void;
  env?: NodeJS.ProcessEnv;
}

/** Every backend's state, looked up on the PATH of `env`. */
export async function doctorReport(env: NodeJS.ProcessEnv = process.env): Promise<DoctorEntry[]> {
  const statuses = await detectBackends(env);
  return statuses.map((status) => {
    const backend = getBackend(status.id);
    const base = { id: status.id, displayName: backend.displayName, installed: status.installed, path: status.path, version: status.version };
    if (!status.installed) {
      return { ...base, verdict: 'missing', message: `not found on PATH; install: ${backend.installHint}`, warning: true };
    }
    if (!isRealCli(status.id)) {
      return { ...base, verdict: 'built-in', message: status.error ?? 'ships with troupe', warning: status.error !== undefined };
    }
    const check = checkTestedVersion(status.id, status.version);
    const message = status.error ? `${status.error}; ${check.message}` : check.message;
    const warning = status.error !== undefined || check.verdict === 'outside-range' || check.verdict === 'unknown';
    return { ...base, verdict: check.verdict, message, warning };
  });
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}

export function renderDoctorText(entries: DoctorEntry[]): string {
  const lines = entries.map((e) => {
    const mark = e.warning ? 'warn' : 'ok';
    const version = e.installed ? (e.version ?? '?') : '-';
    const where = e.path ? `  ${e.path}` : '';
    return `${pad(mark, 5)}${pad(e.id, 8)}${pad(e.displayName, 17)}${pad(version, 10)}${e.message}${where}`;
  });
  const warnings = entries.filter((e) => e.warning).length;
  const summary = warnings === 0 ? 'all agent CLIs ready' : `${warnings} warning(s)`;
  return `${lines.join('\n')}\n${summary}\n`;
}

export async function runDoctorCommand(options: { json?: boolean }, io: DoctorIo): Promise<DoctorEntry[]> {
  const entries = await doctorReport(io.env ?? process.env);
  // Versions and errors are what the CLIs printed.
  io.out(options.json ? `${terminalSafeJson(entries, 2)}\n` : terminalSafe(renderDoctorText(entries)));
  return entries;
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the agent CLIs: installed or not, version on PATH, and whether troupe was tested with it')
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      // Warnings are advice: a missing CLI only matters to someone who wants that backend.
      await runDoctorCommand(options, { out: (text) => process.stdout.write(text) });
    });
}
