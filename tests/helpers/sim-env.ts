import { randomUUID } from 'node:crypto';
import { MARK_VARIABLE } from './process-table.js';

export interface SimKnobs {
  chunks?: number;
  chunkBytes?: number;
  delayMs?: number;
  tools?: number;
  crashAfter?: number;
  crashSignal?: string;
  crashExitCode?: number;
  crashTimes?: number;
  crashRate?: number;
  hangAfter?: number;
  garbage?: number;
  hugeLineBytes?: number;
  stderrNoise?: number;
  fail?: boolean;
  seed?: number;
  stray?: boolean;
  permissionRequests?: number;
  askQuestion?: boolean;
  editFiles?: number;
}

const NAMES: Record<keyof SimKnobs, string> = {
  chunks: 'CHUNKS',
  chunkBytes: 'CHUNK_BYTES',
  delayMs: 'DELAY_MS',
  tools: 'TOOLS',
  crashAfter: 'CRASH_AFTER',
  crashSignal: 'CRASH_SIGNAL',
  crashExitCode: 'CRASH_EXIT_CODE',
  crashTimes: 'CRASH_TIMES',
  crashRate: 'CRASH_RATE',
  hangAfter: 'HANG_AFTER',
  garbage: 'GARBAGE',
  hugeLineBytes: 'HUGE_LINE_BYTES',
  stderrNoise: 'STDERR_NOISE',
  fail: 'FAIL',
  seed: 'SEED',
  stray: 'STRAY',
  permissionRequests: 'PERMISSION_REQUESTS',
  askQuestion: 'ASK_QUESTION',
  editFiles: 'EDIT_FILES',
};

/** Environment for the simulated agent: its knobs, its state folder and a mark to find its processes. */
export function simEnv(stateDir: string, knobs: SimKnobs = {}, mark: string = randomUUID()): Record<string, string> {
  const env: Record<string, string> = { TROUPE_SIM_STATE_DIR: stateDir, [MARK_VARIABLE]: mark, TROUPE_SIM_DELAY_MS: '0' };
  for (const [key, value] of Object.entries(knobs)) {
    if (value === undefined) continue;
    env[`TROUPE_SIM_${NAMES[key as keyof SimKnobs]}`] = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  }
  return env;
}
