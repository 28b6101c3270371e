/**
 * A real troupe with a fault injector preloaded: an unhandled rejection is logged and the server
 * carries on with its agents; an uncaught exception is logged, every agent is ended, troupe exits 1.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { markedProcesses, MARK_VARIABLE, waitForNoMarkedProcesses } from '../helpers/process-table.js';
import { command, REPO_ROOT, requireBuild, startTroupe, type RunningTroupe } from '../ui/harness.js';

const mark = randomUUID();
let troupe: RunningTroupe | undefined;
afterAll(async () => {
  await troupe?.stop();
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('troupe serving the dashboard, faults in its own process', () => {
  it('logs an unhandled rejection and carries on; stops every agent on an uncaught exception', async () => {
    requireBuild();
    troupe = await startTroupe(['--no-autostart'], {
      nodeArgs: ['--import', join(REPO_ROOT, 'tests/fixtures/inject-faults.mjs')],
      env: { [MARK_VARIABLE]: mark },
    });
    const running = troupe;
    const exited = new Promise<number | null>((resolve) => running.child.once('exit', (code) => resolve(code)));
    const spec = { backend: 'sim', persona: 'specialist', prompt: 'hold on', env: { TROUPE_SIM_HANG_AFTER: '1' } };
    expect(await command(running, { type: 'start', spec })).toMatchObject({ ok: true });
    const agents = () => markedProcesses(mark).filter((pid) => pid !== running.child.pid);
    await until(() => agents().length > 0);
    const agent = agents();

    running.child.kill('SIGUSR2');
    await until(() => running.output().includes('unhandled promise rejection'));
    expect(running.output()).toContain('injected rejection');
    expect(await command(running, { type: 'ping' })).toMatchObject({ ok: true });
    expect(agents()).toEqual(agent);

    running.child.kill('SIGUSR2');
    expect(await exited).toBe(1);
    expect(running.output()).toContain('uncaught exception');
    expect(running.output()).toContain('injected exception');
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  }, 60_000);
});
