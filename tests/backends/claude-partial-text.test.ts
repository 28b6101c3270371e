import { describe, expect, it } from 'vitest';
import { createPartialTextTracker } from '../../src/backends/claude-partial-text.js';

describe('partial text tracker', () => {
  it('a finished block that was fully streamed adds nothing', () => {
    const t = createPartialTextTracker();
    expect(t.delta('m', 0, 'ab')).toEqual([{ kind: 'text', text: 'ab', delta: true }]);
    expect(t.delta('m', 0, 'c')).toEqual([{ kind: 'text', text: 'c', delta: true }]);
    expect(t.finished('m', 'abc')).toEqual([]);
  });

  it('a finished block that was never streamed comes whole', () => {
    expect(createPartialTextTracker().finished('m', 'whole')).toEqual([{ kind: 'text', text: 'whole', delta: false }]);
  });

  it('a block whose text disagrees with its deltas is not shown again', () => {
    const t = createPartialTextTracker();
    t.delta('m', 0, 'draft');
    expect(t.finished('m', 'other')).toEqual([]);
  });

  it('the same message id after reset is a new message', () => {
    const t = createPartialTextTracker();
    t.delta('m', 0, 'x');
    t.finished('m', 'x');
    t.reset();
    expect(t.delta('m', 0, 'y')).toEqual([{ kind: 'text', text: 'y', delta: true }]);
    expect(t.finished('m', 'yz')).toEqual([{ kind: 'text', text: 'z', delta: true }]);
  });

  it('empty deltas and empty blocks yield nothing', () => {
    const t = createPartialTextTracker();
    expect(t.delta('m', 0, '')).toEqual([]);
    expect(t.finished('m', '')).toEqual([]);
  });
});
