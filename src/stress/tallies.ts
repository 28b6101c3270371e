/**
 * The simulated agents' own account of what they wrote: one tally file per agent process (the
 * sim's tally-dir knob), listing the `ts` stamp of every line. Read after the run.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface AgentTally {
  pid: number;
  stamps: number[];
}

export interface TallyRead {
  tallies: AgentTally[];
  /** Files that could not be read as a tally (named, for the report). */
  damaged: string[];
}

export async function readTallies(dir: string): Promise<TallyRead> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { tallies: [], damaged: [] };
    throw error;
  }
  const tallies: AgentTally[] = [];
  const damaged: string[] = [];
  for (const name of names) {
    try {
      const parsed = JSON.parse(await readFile(join(dir, name), 'utf8')) as Partial<AgentTally>;
      if (typeof parsed.pid !== 'number' || !Array.isArray(parsed.stamps)) throw new Error('not a tally');
      tallies.push({ pid: parsed.pid, stamps: parsed.stamps });
    } catch {
      damaged.push(join(dir, name));
    }
  }
  return { tallies, damaged };
}
