import { describe, expect, it } from 'vitest';
import { describeExit, type ExitFacts } from '../../src/workers/describe-exit.js';

const base: ExitFacts = {
  exit: { code: 0, signal: null },
  endedBy: null,
  sawDone: true,
  turnActive: true,
  inactivityMs: 60_000,
  fatalCode: false,
  binary: 'claude',
  installHint: 'npm install -g @anthropic-ai/claude-code',
};

describe('describeExit', () => {
  it('a turn that reached its final event is normal, even with a non-zero exit code', () => {
    expect(describeExit(base).abnormal).toBe(false);
    expect(describeExit({ ...base, exit: { code: 1, signal: null } }).abnormal).toBe(false);
  });

  it('a non-zero exit, a signal or a clean exit without the final event are crashes', () => {
    expect(describeExit({ ...base, sawDone: false, exit: { code: 2, signal: null } })).toMatchObject({ abnormal: true, reason: 'exited with code 2 before the end of the turn' });
    expect(describeExit({ ...base, sawDone: false, exit: { code: null, signal: 'SIGKILL' } })).toMatchObject({ abnormal: true, reason: 'killed by SIGKILL' });
    expect(describeExit({ ...base, sawDone: false })).toMatchObject({ abnormal: true, reason: 'exited before the end of the turn' });
  });

  it('what troupe ended itself is normal, except an inactivity timeout', () => {
    const killed = { ...base, sawDone: false, exit: { code: null, signal: 'SIGTERM' } };
    expect(describeExit({ ...killed, endedBy: 'stop' }).abnormal).toBe(false);
    expect(describeExit({ ...killed, endedBy: 'interrupt' })).toMatchObject({ abnormal: false, reason: 'interrupted' });
    expect(describeExit({ ...killed, endedBy: 'inactivity' })).toMatchObject({ abnormal: true, reason: 'no output for 60 s' });
  });

  it('a binary that cannot start is fatal and names the install hint', () => {
    const outcome = describeExit({ ...base, sawDone: false, exit: { code: null, signal: null, spawnError: 'spawn claude ENOENT' } });
    expect(outcome).toMatchObject({ abnormal: true, fatal: true });
    expect(outcome.spawnNotice).toContain('npm install -g @anthropic-ai/claude-code');
  });

  it('fatal exit codes of a backend are passed on', () => {
    expect(describeExit({ ...base, sawDone: false, exit: { code: 41, signal: null }, fatalCode: true }).fatal).toBe(true);
  });
});
