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
});
