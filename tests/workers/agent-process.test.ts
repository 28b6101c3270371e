/** spawnAgentProcess marks every agent as this troupe's, so a later troupe can prove it after a crash. */
import { describe, expect, it } from 'vitest';
import { selfIdentity } from '../../src/process/proc-info.js';
import { spawnAgentProcess } from '../../src/workers/agent-process.js';

describe('spawnAgentProcess', () => {
  it('sets TROUPE_OWNER=<troupe pid>:<start time> in the agent and what it starts; no spec or backend env overrides it', async () => {
    const lines: string[] = [];
    const agent = spawnAgentProcess(
      // A child of the agent reads its own environ: the mark is inherited.
      { file: 'sh', args: ['-c', 'sh -c \'tr "\\0" "\\n" < /proc/$$/environ | grep ^TROUPE_OWNER=\''], stdin: 'ignore', env: { TROUPE_OWNER: 'forged-by-backend' } },
      { cwd: process.cwd(), env: { TROUPE_OWNER: 'forged-by-spec' }, maxLineBytes: 1024 },
      { stdoutLine: (line) => lines.push(line), stdoutOversize: () => {}, stderrLine: () => {} },
    );
    expect(await agent.exited).toMatchObject({ code: 0 });
    expect(lines).toEqual([`TROUPE_OWNER=${process.pid}:${selfIdentity().startTime}`]);
  });

  it('hands every line of stdout and stderr to its handler inside the read that carried it', async () => {
    const seen: string[] = [];
    let inRead = false;
    let reads = 0;
    const agent = spawnAgentProcess(
      { file: 'sh', args: ['-c', 'printf "a\\nb\\n"; printf "e\\n" >&2; sleep 0.05; printf "c"'], stdin: 'ignore' },
      { cwd: process.cwd(), env: {}, maxLineBytes: 1024 },
      {
        stdoutLine: (line) => seen.push(`${inRead ? 'in' : 'out'}:${line}`),
        stdoutOversize: () => {},
        stderrLine: (line) => seen.push(`${inRead ? 'in' : 'out'}:${line}`),
        read: (work) => {
          reads += 1;
          inRead = true;
          try {
            work();
          } finally {
            inRead = false;
          }
        },
      },
    );
    expect(await agent.exited).toMatchObject({ code: 0 });
    // The last line has no newline: it is only complete at the end, outside any read.
    expect(seen).toHaveLength(4);
    expect(seen).toEqual(expect.arrayContaining(['in:a', 'in:b', 'in:e', 'out:c']));
    expect(reads).toBeGreaterThanOrEqual(2);
  });
});
