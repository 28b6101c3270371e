import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src/protocol/session.js';
import { applySessionPatch } from '../../src/protocol/wire.js';
import { SessionDiffer } from '../../src/server/session-diff.js';

const base: SessionInfo = {
  sessionId: 'a',
  persona: 'specialist',
  backendId: 'sim',
  status: 'running',
  createdAt: 1,
  lastActivity: 1,
  turns: 1,
  restarts: 0,
  totals: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
};

describe('SessionDiffer', () => {
  it('sends a new session whole, then only the fields that changed, then its removal', () => {
    const differ = new SessionDiffer();
    expect(differ.diff([base])).toMatchObject({ upsert: [base], patch: [], removed: [] });
    expect(differ.diff([base])).toMatchObject({ upsert: [], patch: [], removed: [] });
    const restarting = { ...base, lastActivity: 2, status: 'restarting' as const, restart: { attempt: 1, delayMs: 200, reason: 'crash' } };
    const second = differ.diff([restarting]);
    expect(second.patch).toEqual([{ sessionId: 'a', set: { lastActivity: 2, status: 'restarting', restart: restarting.restart } }]);
    expect(second.transitions).toMatchObject([{ from: 'running', to: 'restarting' }]);
    const running = { ...base, lastActivity: 3, restarts: 1 };
    const third = differ.diff([running]);
    expect(third.patch).toEqual([{ sessionId: 'a', set: { lastActivity: 3, status: 'running', restarts: 1 }, unset: ['restart'] }]);
    // A browser that applies the patches ends with the same record.
    const rebuilt = applySessionPatch(applySessionPatch(base, second.patch[0]!), third.patch[0]!);
    expect(rebuilt).toEqual(running);
    expect(differ.diff([])).toMatchObject({ removed: ['a'] });
  });
});
