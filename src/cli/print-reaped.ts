import type { ReapedGroup } from '../process/child-registry.js';
import { describeReaped } from '../process/reap-report.js';

/** On stderr, so `--json` output stays parseable. */
export function printReaped(reaped: readonly ReapedGroup[], err: NodeJS.WritableStream = process.stderr): void {
  for (const line of describeReaped(reaped)) err.write(`troupe: ${line}\n`);
}
