import type { AgentExit } from './agent-process.js';

export interface ExitFacts {
  exit: AgentExit;
  endedBy: 'interrupt' | 'inactivity' | 'stop' | null;
  sawDone: boolean;
  turnActive: boolean;
  inactivityMs: number;
  fatalCode: boolean;
  binary: string;
  installHint: string;
}

export interface ExitOutcome {
  /** A crash in OTP's sense: a restart candidate. */
  abnormal: boolean;
  /** Restarting cannot help. */
  fatal: boolean;
  reason: string;
  /** A message for the user when the agent could not even start. */
  spawnNotice?: string;
}

/**
 * Classifies an agent's exit. Normal: a turn that reached the backend's final event, or one that
 * troupe ended (stop, interrupt). Abnormal: anything else while a turn ran.
 */
export function describeExit(facts: ExitFacts): ExitOutcome {
  const { exit } = facts;
  if (exit.spawnError) {
    const notice = `cannot start ${facts.binary}: ${exit.spawnError}. ${facts.installHint}`;
    return { abnormal: true, fatal: true, reason: `cannot start ${facts.binary}`, spawnNotice: notice };
  }
  if (facts.endedBy === 'stop') return { abnormal: false, fatal: false, reason: 'stopped' };
  if (facts.endedBy === 'interrupt') return { abnormal: false, fatal: false, reason: 'interrupted' };
  if (facts.endedBy === 'inactivity') {
    return { abnormal: true, fatal: false, reason: `no output for ${formatDuration(facts.inactivityMs)}` };
  }
  if (facts.sawDone || !facts.turnActive) return { abnormal: false, fatal: false, reason: exitText(exit) };
  const reason =
    exit.signal !== null
      ? `killed by ${exit.signal}`
      : exit.code !== 0
        ? `exited with code ${exit.code} before the end of the turn`
        : 'exited before the end of the turn';
  return { abnormal: true, fatal: facts.fatalCode, reason };
}

function exitText(exit: AgentExit): string {
  return exit.signal !== null ? `killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

function formatDuration(ms: number): string {
  return ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
