/**
 * `troupe stress`: N simulated-agent sessions through the real supervisor path (worker threads,
 * parsing, logs, restarts), a live progress line, then a summary or one JSON report. Exits 1
 * when a chunk was lost or duplicated, or an agent process was left behind.
 */
import type { Command } from 'commander';
import { exitCodeOf, type StressReport } from '../../stress/report.js';
import { runStress, type RunView } from '../../stress/run-stress.js';
import { watchProgress } from '../../stress/progress.js';
import { renderSummary } from '../../stress/summary-table.js';
import { checkWorkload } from '../../stress/workload.js';
import { addSupervisionOptions, supervisionOptions, type SupervisionFlags } from '../supervision-options.js';
import { parseCount, parseNumber, parsePositive } from '../option-parsers.js';
import { resolveProjectRoot } from '../project-root.js';

interface StressFlags extends SupervisionFlags {
  sessions: number;
  turns?: number;
  chunks?: number;
  chunkBytes?: number;
  rate?: number;
  crashRate?: number;
  duration?: number;
  tools?: number;
  longLived?: boolean;
  json?: boolean;
  keep?: boolean;
  project?: string;
}

export function registerStressCommand(program: Command): void {
  const command = program
    .command('stress')
    .description('run many simulated-agent sessions through troupe and check that nothing is lost or left behind')
    .requiredOption('--sessions <n>', 'sessions to run at once', parsePositive)
    .option('--turns <n>', 'turns per session (default 1; unlimited with --duration)', parsePositive)
    .option('--chunks <n>', 'text chunks per turn (default 20)', parseCount)
    .option('--chunk-bytes <n>', 'exact size of each text chunk (default: natural prose)', parsePositive)
    .option('--rate <r>', 'chunks per second per session, 0 = as fast as possible (default 20)', parseNumber)
    .option('--crash-rate <x>', 'probability (0..1) that a turn crashes at a random chunk (default 0)', parseNumber)
    .option('--duration <s>', 'keep sending turns for this many seconds', parseNumber)
    .option('--tools <n>', 'fake tool calls per turn (default 0)', parseCount)
    .option('--long-lived', 'one agent process per session fed every turn on stdin')
    .option('--json', 'print one JSON report instead of the table')
    .option('--keep', "keep the run's folder (session logs, agents' tallies)")
    .option('--project <dir>', "run the sessions in this project (its personas; their logs stay in its .bp6/sessions); default: a throwaway folder");
  addSupervisionOptions(command).action(async (flags: StressFlags) => {
    process.exitCode = await runStressCommand(flags);
  });
}

async function runStressCommand(flags: StressFlags): Promise<number> {
  const workload = checkWorkload({
    sessions: flags.sessions,
    turns: flags.turns ?? (flags.duration !== undefined ? Infinity : undefined),
    chunks: flags.chunks,
    chunkBytes: flags.chunkBytes,
    rate: flags.rate,
    crashRate: flags.crashRate,
    durationMs: flags.duration !== undefined ? flags.duration * 1000 : undefined,
    tools: flags.tools,
    longLived: flags.longLived === true,
  });
  const projectRoot = flags.project !== undefined ? await resolveProjectRoot(flags.project) : undefined;
  const err = process.stderr;
  if (!flags.json) {
    const turns = Number.isFinite(workload.turns) ? `${workload.turns} turn(s)` : 'turns';
    const pace = workload.rate > 0 ? `${workload.rate}/s` : 'full speed';
    const span = workload.durationMs !== undefined ? ` for ${workload.durationMs / 1000} s` : '';
    err.write(`troupe stress: ${workload.sessions} sessions, ${turns} of ${workload.chunks} chunks at ${pace}${span}, crash rate ${workload.crashRate}\n`);
  }
  const showProgress = !flags.json || err.isTTY === true;
  const progress = showProgress ? watchProgress(err) : undefined;
  const observe = (view: RunView): (() => void) => {
    const stopProgress = progress?.(view);
    const removeSignals = endEarlyOnSignal(view);
    return () => {
      stopProgress?.();
      removeSignals();
    };
  };
  const report = await runStress({ workload, supervision: supervisionOptions(flags), keep: flags.keep, projectRoot, observe });
  print(report, flags.json === true);
  return exitCodeOf(report);
}

/** Ctrl-C ends the run early but still checks and reports it; a second one exits at once. */
function endEarlyOnSignal(view: RunView): () => void {
  let ending = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (ending) process.exit(signal === 'SIGINT' ? 130 : 143);
    ending = true;
    process.stderr.write(`\ntroupe stress: ${signal}, stopping every session, then checking the run…\n`);
    void view.target.shutdown();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

function print(report: StressReport & { keptAt?: string }, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  process.stdout.write(renderSummary(report));
  if (report.keptAt) process.stdout.write(`  run folder kept at ${report.keptAt}\n`);
  const verdict = exitCodeOf(report) === 0 ? 'nothing lost, nothing left behind' : 'FAILED: see the rows marked above';
  process.stdout.write(`troupe stress: ${verdict}\n`);
}
