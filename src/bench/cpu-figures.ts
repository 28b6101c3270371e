/** What a run's CPU comes to per delivered chunk, and where it went: the bench's cost figures. */
import type { StressReport } from '../stress/report.js';

/** CPU µs of the engine's whole process (every thread) per chunk its subscriber received. */
export function cpuPerChunkUs(report: StressReport): number {
  const chunks = report.throughput * report.cpu.wallSec;
  return chunks > 0 ? (report.cpu.troupeSec / chunks) * 1e6 : Infinity;
}

/** The share of the process's CPU spent outside its main thread (troupe: the session workers). */
export function offMainShare(report: StressReport): number {
  const { troupeSec, mainThreadSec } = report.cpu;
  return troupeSec > 0 ? Math.max(0, troupeSec - mainThreadSec) / troupeSec : 0;
}

/** Cores the process kept busy while every session was idle; undefined when idle was not measured. */
export function idleCores(report: StressReport): number | undefined {
  const idle = report.idle;
  return idle && idle.cpu.wallSec > 0 ? idle.cpu.troupeSec / idle.cpu.wallSec : undefined;
}
