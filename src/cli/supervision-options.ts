import type { Command } from 'commander';
import type { RestartPolicyConfig, RestartType } from '../protocol/index.js';
import type { SupervisorOptions } from '../supervisor/types.js';
import { parseCount, parseRestartType } from './option-parsers.js';

export interface SupervisionFlags {
  restart?: RestartType;
  maxRestarts?: number;
  restartPeriodMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  shutdownMs?: number;
  inactivityTimeoutMs?: number;
}

/** The restart and shutdown flags every command that starts sessions takes. */
export function addSupervisionOptions(command: Command): Command {
  return command
    .option('--restart <type>', 'restart type: permanent, transient (default) or temporary', parseRestartType)
    .option('--max-restarts <n>', 'give a session up after more restarts than this within the period', parseCount)
    .option('--restart-period-ms <ms>', 'the period of --max-restarts', parseCount)
    .option('--min-backoff-ms <ms>', 'first restart delay, doubled on each crash', parseCount)
    .option('--max-backoff-ms <ms>', 'longest restart delay', parseCount)
    .option('--shutdown-ms <ms>', 'grace between SIGTERM and SIGKILL when stopping an agent', parseCount)
    .option('--inactivity-timeout-ms <ms>', 'no agent output for this long during a turn counts as a crash', parseCount);
}

export function supervisionOptions(flags: SupervisionFlags): Partial<SupervisorOptions> {
  const policy: Partial<RestartPolicyConfig> = {};
  if (flags.restart) policy.restart = flags.restart;
  if (flags.maxRestarts !== undefined) policy.maxRestarts = flags.maxRestarts;
  if (flags.restartPeriodMs !== undefined) policy.periodMs = flags.restartPeriodMs;
  if (flags.minBackoffMs !== undefined) policy.minBackoffMs = flags.minBackoffMs;
  if (flags.maxBackoffMs !== undefined) policy.maxBackoffMs = flags.maxBackoffMs;
  return {
    restartPolicy: policy,
    shutdownMs: flags.shutdownMs,
    inactivityTimeoutMs: flags.inactivityTimeoutMs,
  };
}

