import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command, requireBuild, startTroupe, type RunningTroupe } from '../ui/harness.js';
import type { SessionInfo } from '../../src/protocol/session.js';

describe('troupe demo', () => {
  let troupe: RunningTroupe;
  beforeAll(async () => {
    requireBuild();
    troupe = await startTroupe();
  }, 60_000);
  afterAll(async () => {
    await troupe?.stop();
  }, 30_000);

  it('prints the URL with its token and says it started sessions by itself', () => {
    expect(troupe.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect(troupe.output()).toMatch(/started 2 simulated sessions by itself/);
    expect(troupe.output()).toMatch(/no API keys/);
  });

  it('serves the dashboard page with the token and refuses it without', async () => {
    expect((await fetch(troupe.origin + '/')).status).toBe(401);
    const first = await fetch(troupe.url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const page = await fetch(troupe.origin + '/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('is alive on first open: two simulated sessions on demo beads', async () => {
    const reply = await command(troupe, { type: 'list' });
    expect(reply.ok).toBe(true);
    const { sessions } = (reply as { result: { sessions: SessionInfo[] } }).result;
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => s.backendId === 'sim' && s.beadId?.startsWith('shop-'))).toBe(true);
    const tree = await command(troupe, { type: 'beads-tree' });
    expect(tree).toMatchObject({ ok: true, result: { tree: { count: 21 } } });
  });

  it('stops every session and exits on SIGTERM', async () => {
    await troupe.stop();
    expect(troupe.child.exitCode ?? troupe.child.signalCode).not.toBeNull();
  });
});
