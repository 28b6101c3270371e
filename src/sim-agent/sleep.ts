/** A pause that costs nothing when it is zero (delay 0 means as fast as possible). */
import { setTimeout as wait } from 'node:timers/promises';

export function sleep(ms: number): Promise<void> | undefined {
  return ms > 0 ? wait(ms) : undefined;
}
