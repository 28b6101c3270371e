import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/protocol/session-events.js';
import type { WorkerDataBatch } from '../../src/protocol/worker-messages.js';
import { SimulatedClock } from '../../src/time/clock.js';
import { DataChannel } from '../../src/workers/data-channel.js';

function chunk(seq: number): SessionEvent {
  return { type: 'chunk', turn: 1, chunk: { kind: 'text', text: `t${seq}`, delta: true }, seq, at: seq };
}

function channel(maxBatchItems?: number) {
  const clock = new SimulatedClock();
  const batches: WorkerDataBatch[] = [];
  const data = new DataChannel((batch) => batches.push(batch), clock, maxBatchItems);
  const seqs = () => batches.map((batch) => batch.events.map((event) => event.seq));
  return { clock, data, seqs };
}

describe('DataChannel', () => {
  it('sends what one tick pushed as one batch once the tick is done, and keeps no timer after', () => {
    const { clock, data, seqs } = channel();
    data.push(chunk(1));
    data.push(chunk(2));
    expect(seqs()).toEqual([]);
    clock.advance(0);
    expect(seqs()).toEqual([[1, 2]]);
    data.push(chunk(3));
    clock.advance(0);
    expect(seqs()).toEqual([[1, 2], [3]]);
    // Idle: nothing scheduled, so a quiet session wakes its thread for nothing.
    expect(clock.pending).toBe(0);
  });

  it('sends an urgent event at once, with what was queued before it, and caps a batch by count', () => {
    const { clock, data, seqs } = channel(3);
    data.push(chunk(1));
    data.push(chunk(2), true);
    expect(seqs()).toEqual([[1, 2]]);
    for (let seq = 3; seq <= 7; seq += 1) data.push(chunk(seq));
    expect(seqs()).toEqual([[1, 2], [3, 4, 5]]);
    clock.advance(0);
    expect(seqs()).toEqual([[1, 2], [3, 4, 5], [6, 7]]);
    expect(clock.pending).toBe(0);
  });

  it('sends what one read pushed as one batch when the read is done, with no timer', () => {
    const { clock, data, seqs } = channel();
    data.batch(() => {
      data.push(chunk(1));
      data.push(chunk(2));
      expect(clock.pending).toBe(0);
    });
    expect(seqs()).toEqual([[1, 2]]);
    expect(clock.pending).toBe(0);
  });

  it('still sends what a read pushed when the read throws', () => {
    const { data, seqs } = channel();
    expect(() =>
      data.batch(() => {
        data.push(chunk(1));
        throw new Error('parser bug');
      }),
    ).toThrow('parser bug');
    expect(seqs()).toEqual([[1]]);
  });

  it('ends with whatever is queued and the end marker, then sends nothing more', () => {
    const clock = new SimulatedClock();
    const batches: WorkerDataBatch[] = [];
    const ending = new DataChannel((batch) => batches.push(batch), clock);
    ending.push(chunk(1));
    ending.end({ reason: 'user', at: 5 });
    ending.push(chunk(2), true);
    clock.advance(0);
    expect(batches).toEqual([{ events: [chunk(1)], end: { reason: 'user', at: 5 } }]);
  });
});
