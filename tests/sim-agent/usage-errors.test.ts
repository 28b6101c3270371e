/** Bad command lines get Claude's (or a clear) message on stderr, exit 1, and no stdout. */
import { afterAll, describe, expect, it } from 'vitest';
import { runSim, tempDirs } from './run-sim.js';

describe('usage errors', () => {
  const dirs = tempDirs();
  afterAll(() => dirs.cleanup());
  const env = { TROUPE_SIM_STATE_DIR: dirs.stateDir };

  it.each([
    [['-p', 'x', '--output-format', 'stream-json'], 'Error: When using --print, --output-format=stream-json requires --verbose'],
    [['-p', 'x', '--verbose'], 'only --output-format stream-json is supported (got text, the default)'],
    [['-p', 'x', '--output-format', 'json', '--verbose'], 'only --output-format stream-json is supported (got json)'],
    [['-p', '--output-format', 'stream-json', '--verbose'], 'Error: Input must be provided either through stdin or as a prompt argument'],
    [['-p', 'x', '--output-format', 'stream-json', '--verbose', '--input-format', 'xml'], "argument 'xml' is invalid"],
    [['-p', 'x', '--output-format', 'stream-json', '--verbose', '--sim-chunks', 'lots'], '--sim-chunks has a bad value "lots"'],
    [['-p', 'x', '--output-format', 'stream-json', '--verbose', '--resume', 'a', '--session-id', '4b0c5a36-5d55-4a51-9c43-6f4a3c0f3a11'], '--session-id cannot be used with --continue or --resume'],
  ])('%j', async (args, message) => {
    const run = await runSim(args, { env, cwd: dirs.cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stdout.length).toBe(0);
  });

  it('prints help and the version with exit 0', async () => {
    const help = await runSim(['--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toContain('--sim-crash-after');
    const version = await runSim(['--version'], { env });
    expect(version.stdout.toString()).toMatch(/^\d+\.\d+\.\d+ \(troupe-sim-agent\)\n$/);
  });
});
