/** One write per line, waiting for 'drain' when refused; flush() means every line has left. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineWriter } from '../../src/sim-agent/line-writer.js';
import { isResult, startSim, STREAM_FLAGS, collect, tempDirs } from './run-sim.js';

/** A sink that takes one write per event-loop turn, like a slow pipe reader. */
function slowSink(highWaterMark: number) {
  const received: string[] = [];
  let maxBuffered = 0;
  const sink = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, callback) {
      received.push(chunk.toString('utf8'));
      setImmediate(callback);
    },
  });
  const track = () => (maxBuffered = Math.max(maxBuffered, sink.writableLength));
  return { sink, received, track, maxBuffered: () => maxBuffered };
}

describe('LineWriter', () => {
  it('never lets more than one line pile up beyond the high-water mark', async () => {
    const { sink, received, track, maxBuffered } = slowSink(64);
    const writer = new LineWriter(sink, true);
    const line = { type: 'assistant', text: 'x'.repeat(100) };
    for (let i = 0; i < 50; i++) {
      await writer.event({ ...line, i });
      track();
    }
    await writer.flush();
    expect(received).toHaveLength(50);
    expect(received.every((text, i) => JSON.parse(text).i === i && text.endsWith('\n'))).toBe(true);
    // One line is ~170 bytes: with backpressure the buffer never holds more than that.
    expect(maxBuffered()).toBeLessThan(64 + 200);
  });

  it('flush resolves only once the last line was taken', async () => {
    const { sink, received } = slowSink(1 << 20);
    const writer = new LineWriter(sink, false);
    for (let i = 0; i < 10; i++) void writer.event({ i });
    expect(received.length).toBeLessThan(10);
    await writer.flush();
    expect(received).toHaveLength(10);
    expect(JSON.parse(received[0] as string)).toEqual({ i: 0 });
  });

  it('end to end: a reader that keeps pausing still gets every line whole and in order', async () => {
    const dirs = tempDirs();
    try {
      const child = startSim(['-p', 'bulk', ...STREAM_FLAGS, '--sim-chunks', '120', '--sim-chunk-bytes', '65536', '--sim-tools', '0'], {
        env: { TROUPE_SIM_STATE_DIR: dirs.stateDir },
        cwd: dirs.cwd,
      });
      // Pause after every read and resume on the next turn of the event loop.
      child.stdout?.on('data', () => {
        child.stdout?.pause();
        setImmediate(() => child.stdout?.resume());
      });
      const run = await collect(child);
      expect(run.code).toBe(0);
      expect(run.lines.length).toBe(run.events.length);
      expect(run.events.filter((e) => e.type === 'assistant')).toHaveLength(120);
      expect(run.events.at(-1) && isResult(run.events.at(-1)!)).toBe(true);
    } finally {
      dirs.cleanup();
    }
  });
});
