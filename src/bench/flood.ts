/**
 * Flood: a few sessions writing as fast as their agents can. What matters is the main thread:
 * troupe parses and logs in worker threads, the baseline on the main thread, so the loop lag of
 * the two, side by side, shows what the worker threads buy. The pipe limit says how far from
 * the bare cost of reading and parsing the same bytes both are.
 */
import type { StressReport } from '../stress/report.js';
import { troupeEngine } from '../stress/troupe-target.js';
import { inThreadEngine } from './in-thread-sessions.js';
import { measurePipeLimit, type PipeLimit } from './pipe-limit.js';
import { scaleRun, type ScaleSpec } from './scale.js';

export interface FloodFigures {
  sessions: number;
  chunkBytes: number;
  troupe: StressReport;
  baseline: StressReport;
  limit: PipeLimit & { fileBytes: number };
}

export async function runFlood(spec: Omit<ScaleSpec, 'rate' | 'turnSeconds'>, say: (text: string) => void): Promise<FloodFigures> {
  const flood: ScaleSpec = { ...spec, rate: 0, turnSeconds: 0 };
  say(`flood: ${spec.sessions} sessions flat out: troupe…`);
  const troupe = await scaleRun(flood, troupeEngine);
  say(' baseline…');
  const baseline = await scaleRun(flood, inThreadEngine);
  say(' pipe limit…');
  const limit = await measurePipeLimit({ pipes: spec.sessions, chunks: spec.flatOutChunks ?? 2_000, chunkBytes: spec.chunkBytes, repeat: 5 });
  say(' done\n');
  return { sessions: spec.sessions, chunkBytes: spec.chunkBytes, troupe, baseline, limit };
}
