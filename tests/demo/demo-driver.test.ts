/** The demo's driver on virtual time: it keeps its sessions working, and lets go when a person writes. */
import { BehaviorSubject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { driveDemoSessions } from '../../src/demo/demo-driver.js';
import type { SessionInfo } from '../../src/protocol/session.js';
import type { SupervisorApi } from '../../src/supervisor/types.js';
import { SimulatedClock } from '../../src/time/clock.js';

function fakeSupervisor(ids: string[]) {
  const table = new Map<string, SessionInfo>(
    ids.map((id) => [id, { sessionId: id, persona: 'specialist', backendId: 'sim', status: 'running', createdAt: 0, lastActivity: 0, turns: 1, restarts: 0, totals: { inputTokens: 0, outputTokens: 0, costUsd: 0 } }]),
  );
  const sessions$ = new BehaviorSubject<SessionInfo[]>([...table.values()]);
  const sent: [string, string][] = [];
  const set = (id: string, patch: Partial<SessionInfo>) => {
    table.set(id, { ...(table.get(id) as SessionInfo), ...patch });
    sessions$.next([...table.values()]);
  };
  const supervisor = {
    sessions$,
    get: (id: string) => table.get(id),
    send: async (message: string, id?: string) => {
      sent.push([id ?? '', message]);
      const info = table.get(id ?? '') as SessionInfo;
      set(id ?? '', { status: 'running', turns: info.turns + 1 });
    },
  } as unknown as SupervisorApi;
  return { supervisor, sent, set, remove: (id: string) => (table.delete(id), sessions$.next([...table.values()])) };
}

describe('the demo driver', () => {
  it('sends the next follow-up a pause after each turn, in turn', async () => {
    const clock = new SimulatedClock();
    const fake = fakeSupervisor(['a']);
    const driver = driveDemoSessions(fake.supervisor, ['a'], { clock, pauseMs: 1_000, followUps: ['one', 'two'] });
    fake.set('a', { status: 'idle' });
    clock.advance(999);
    expect(fake.sent).toEqual([]);
    clock.advance(1);
    await Promise.resolve();
    expect(fake.sent).toEqual([['a', 'one']]);
    fake.set('a', { status: 'idle' });
    clock.advance(1_000);
    await Promise.resolve();
    expect(fake.sent.map(([, m]) => m)).toEqual(['one', 'two']);
    expect(driver.driving()).toEqual(['a']);
    driver.stop();
  });

  it('lets go of a session a person wrote to, one that failed, one terminated, and one that had its turns', async () => {
    const clock = new SimulatedClock();
    const fake = fakeSupervisor(['person', 'failed', 'gone', 'busy']);
    const driver = driveDemoSessions(fake.supervisor, ['person', 'failed', 'gone', 'busy'], { clock, pauseMs: 1_000, maxTurns: 1 });
    fake.set('person', { status: 'idle' });
    // Before the pause is over, a person sends a turn of their own.
    fake.set('person', { status: 'running', turns: 2 });
    fake.set('failed', { status: 'failed' });
    fake.remove('gone');
    fake.set('busy', { status: 'idle' });
    clock.advance(1_000);
    await Promise.resolve();
    expect(fake.sent.map(([id]) => id)).toEqual(['busy']);
    fake.set('busy', { status: 'idle' });
    fake.set('person', { status: 'idle' });
    clock.advance(5_000);
    await Promise.resolve();
    expect(fake.sent.map(([id]) => id)).toEqual(['busy']);
    expect(driver.driving()).toEqual([]);
    driver.stop();
  });
});
