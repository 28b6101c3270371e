import { describe, expect, it } from 'vitest';
import { inGroup } from '../../../src/ui/lib/session-groups.js';
import { mostUrgentTone, sessionTone, shownOnTree } from '../../../src/ui/lib/session-tone.js';

describe('session marks', () => {
  it('tells a failed turn apart from a finished one', () => {
    expect(sessionTone({ status: 'idle', lastTurn: 'failed' })).toBe('turn-failed');
    expect(sessionTone({ status: 'idle', lastTurn: 'done' })).toBe('idle');
    expect(sessionTone({ status: 'waiting' })).toBe('waiting');
  });

  it('puts on a bead the mark that matters most, and keeps failed sessions there', () => {
    expect(mostUrgentTone([{ status: 'running' }, { status: 'idle', lastTurn: 'failed' }])).toBe('turn-failed');
    expect(mostUrgentTone([{ status: 'idle' }, { status: 'waiting' }, { status: 'running' }])).toBe('waiting');
    expect(mostUrgentTone([{ status: 'restarting' }, { status: 'failed' }])).toBe('failed');
    expect(shownOnTree({ status: 'failed' })).toBe(true);
    expect(shownOnTree({ status: 'stopped' })).toBe(false);
  });

  it('counts a restarting session as running and a failed turn as failed, for header and chips alike', () => {
    expect(inGroup({ status: 'restarting' }, 'running')).toBe(true);
    expect(inGroup({ status: 'idle', lastTurn: 'failed' }, 'failed')).toBe(true);
    expect(inGroup({ status: 'idle', lastTurn: 'failed' }, 'idle')).toBe(true);
    expect(inGroup({ status: 'waiting' }, 'running')).toBe(false);
  });
});
