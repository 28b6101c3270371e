/** The receive ledger: what counts as a streaming session, and what the window counts. */
import { describe, expect, it } from 'vitest';
import type { SequencedChunk } from '../../src/protocol/index.js';
import { ReceiveLedger } from '../../src/stress/ledger.js';

const init = (seq: number): SequencedChunk => ({ kind: 'session', cliSessionId: 'c', seq, turn: 1, at: 1 }) as SequencedChunk;
const text = (seq: number): SequencedChunk => ({ kind: 'text', text: 'x', delta: false, seq, turn: 1, at: 1 }) as SequencedChunk;

describe('ReceiveLedger', () => {
  it('a session whose turn has only begun (its init chunk) is not streaming yet; its first reply chunk makes it so', () => {
    const ledger = new ReceiveLedger();
    ledger.receive('a', init(1));
    ledger.receive('b', init(1));
    expect(ledger.sessionsStreaming()).toBe(0);
    ledger.receive('a', text(2));
    expect(ledger.sessionsStreaming()).toBe(1);
    expect(ledger.track('b').lastTurn).toBe(1);
  });

  it('counts for the throughput only what arrives while the window is open', () => {
    const ledger = new ReceiveLedger();
    ledger.receive('a', text(1));
    ledger.openWindow();
    ledger.receive('a', text(2));
    ledger.receive('a', text(3));
    ledger.closeWindow();
    ledger.receive('a', text(4));
    expect(ledger.received).toBe(4);
    expect(ledger.throughput * ledger.windowSeconds).toBeCloseTo(2, 6);
  });
});
