import { mkdtempSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, requireBuild, startTroupe, type RunningTroupe } from '../ui/harness.js';
import type { SessionInfo } from '../../src/protocol/session.js';

// troupe keeps the dashboard token in its state folder: this file's own.
const stateDir = mkdtempSync(join(tmpdir(), 'troupe-state-'));
const env = { TROUPE_STATE_DIR: stateDir };

describe('troupe demo', () => {
  let troupe: RunningTroupe;
  beforeAll(async () => {
    requireBuild();
    troupe = await startTroupe([], { env });
  }, 60_000);
  afterAll(async () => {
    await troupe?.stop();
  }, 30_000);

  it('prints the URL with its token in the fragment and says it started sessions by itself', () => {
    expect(troupe.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
    expect(troupe.output()).toMatch(/started 5 simulated sessions by itself/);
    expect(troupe.output()).toMatch(/no API keys/);
  });

  it('serves the dashboard page to anyone, and its API only with the token', async () => {
    const page = await fetch(troupe.origin + '/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch(troupe.origin + '/api/health')).status).toBe(401);
    const health = await fetch(troupe.origin + '/api/health', { headers: { authorization: `Bearer ${troupe.token}` } });
    expect(health.status).toBe(200);
  });

  it('is alive on first open: simulated sessions on demo beads that keep working, one soon waiting for an approval', async () => {
    const list = async () => ((await command(troupe, { type: 'list' })) as { result: { sessions: SessionInfo[] } }).result.sessions;
    const sessions = await list();
    expect(sessions).toHaveLength(5);
    expect(sessions.every((s) => s.backendId === 'sim' && s.beadId?.startsWith('shop-'))).toBe(true);
    await expect.poll(async () => (await list()).find((s) => s.status === 'waiting'), { timeout: 30_000, interval: 100 }).toMatchObject({
      beadId: 'shop-1.2',
      pendingPermissions: [{ toolName: 'Bash', summary: 'npm test' }],
    });
    // Once a turn is done, the demo sends the next one by itself: no session sits waiting for long.
    await expect.poll(async () => Math.max(...(await list()).map((s) => s.turns)), { timeout: 60_000, interval: 500 }).toBeGreaterThanOrEqual(2);
    const tree = await command(troupe, { type: 'beads-tree' });
    expect(tree).toMatchObject({ ok: true, result: { tree: { count: 21 } } });
  }, 90_000);

  // Five sessions and their worktrees: beside two CPU hogs and the rest of the suite it took 23 s.
  it('stops every session and exits on SIGTERM', async () => {
    await troupe.stop();
    expect(troupe.child.exitCode ?? troupe.child.signalCode).not.toBeNull();
  }, 90_000);

  it('keeps its token across a restart, owner-only in the state folder, and --new-token replaces it', async () => {
    const again = await startTroupe(['--no-autostart'], { projectRoot: troupe.projectRoot, env });
    await again.stop();
    expect(again.token).toBe(troupe.token);
    expect(again.output()).not.toContain('new token');
    const files = await readdir(join(stateDir, 'tokens'));
    expect(files).toHaveLength(1);
    expect((await stat(join(stateDir, 'tokens'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(stateDir, 'tokens', files[0] as string))).mode & 0o777).toBe(0o600);

    const rotated = await startTroupe(['--no-autostart', '--new-token'], { projectRoot: troupe.projectRoot, env });
    await rotated.stop();
    expect(rotated.token).not.toBe(troupe.token);
    expect(rotated.output()).toContain('a new token: tabs opened with the old one must open this URL');
  }, 60_000);
});
