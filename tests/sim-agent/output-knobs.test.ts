/** chunks, chunk-bytes, tools, garbage, huge-line-bytes, stderr-noise, timestamps, delays. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isResult, runSim, STREAM_FLAGS, tempDirs, textBlocks, toolUses, type Json } from './run-sim.js';

describe('output knobs', () => {
  let dirs: ReturnType<typeof tempDirs>;
  let env: Record<string, string>;
  beforeEach(() => {
    dirs = tempDirs();
    env = { TROUPE_SIM_STATE_DIR: dirs.stateDir };
  });
  afterEach(() => dirs.cleanup());

  const run = (flags: string[], extraEnv: Record<string, string> = {}) =>
    runSim(['-p', 'Tidy the config loader', ...STREAM_FLAGS, ...flags], { env: { ...env, ...extraEnv }, cwd: dirs.cwd });

  it('chunks and tools set how many text blocks and tool calls a turn has', async () => {
    const result = await run(['--sim-chunks', '9', '--sim-tools', '3']);
    expect(textBlocks(result.events)).toHaveLength(9);
    const uses = toolUses(result.events);
    expect(uses.map((u) => u.name).slice(0, 2)).toEqual(['Bash', 'Read']);
    expect(uses).toHaveLength(3);
    expect(result.events.filter((e) => e.type === 'user')).toHaveLength(3);
    expect(result.events.find(isResult)).toMatchObject({ num_turns: 4 });
    // The reply ends in prose, after the last tool result.
    expect(result.events.at(-2)?.message.content[0].type).toBe('text');
  });

  it('the flag wins over the env', async () => {
    const result = await run(['--sim-chunks=2'], { TROUPE_SIM_CHUNKS: '7', TROUPE_SIM_TOOLS: '0' });
    expect(textBlocks(result.events)).toHaveLength(2);
    expect(toolUses(result.events)).toHaveLength(0);
  });

  it('chunk-bytes makes every text chunk exactly that many UTF-8 bytes', async () => {
    for (const size of [1, 37, 4096]) {
      const result = await run(['--sim-chunk-bytes', String(size), '--sim-chunks', '4']);
      const sizes = textBlocks(result.events).map((t) => Buffer.byteLength(t));
      expect(sizes).toEqual([size, size, size, size]);
    }
  });

  it('garbage interleaves N non-JSON lines, some binary, and the JSON lines stay whole', async () => {
    const result = await run(['--sim-garbage', '5']);
    const garbage = result.lines.filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    expect(garbage).toHaveLength(5);
    expect(result.stdout.includes(Buffer.from([0x00, 0x01, 0x02, 0xff]))).toBe(true);
    expect(result.events[0]?.subtype).toBe('init');
    expect(result.events.at(-1)?.type).toBe('result');
    expect(result.code).toBe(0);
  });

  it('huge-line-bytes writes one JSON line of exactly that size', async () => {
    const size = 3 * 1024 * 1024;
    const result = await run(['--sim-huge-line-bytes', String(size)]);
    const big = result.lines.filter((line) => Buffer.byteLength(line) === size);
    expect(big).toHaveLength(1);
    const event = JSON.parse(big[0] as string) as Json;
    expect(event.type).toBe('user');
    expect(event.message.content[0].type).toBe('tool_result');
    expect(result.lines.filter((line) => line.length > 100_000)).toHaveLength(1);
    expect(result.events.at(-1)?.type).toBe('result');
  });

  it('stderr-noise writes N lines to stderr per turn and nothing extra to stdout', async () => {
    const result = await run(['--sim-stderr-noise', '4', '--sim-chunks', '3']);
    expect(result.stderr.trim().split('\n')).toHaveLength(4);
    expect(result.lines).toHaveLength(result.events.length);
  });

  it('timestamps can be turned off', async () => {
    const result = await run([], { TROUPE_SIM_TIMESTAMPS: 'off' });
    expect(result.events.every((e) => e.ts === undefined)).toBe(true);
    expect(result.code).toBe(0);
  });

  // Lower bounds only: a pause may run long on a busy machine, never short.
  it('delay-ms and rate pace the chunks (checked on the agent clock)', async () => {
    const gaps = (events: Json[]) => {
      const stamps = events.filter((e) => e.type === 'assistant' && e.message.content[0].type === 'text').map((e) => e.ts as number);
      return stamps.slice(1).map((t, i) => t - (stamps[i] as number));
    };
    const delayed = await run(['--sim-delay-ms', '30', '--sim-tools', '0', '--sim-chunks', '4']);
    expect(Math.min(...gaps(delayed.events))).toBeGreaterThanOrEqual(28);
    const rated = await run(['--sim-rate', '25', '--sim-tools', '0', '--sim-chunks', '4', '--sim-delay-ms', '0'], {});
    expect(Math.min(...gaps(rated.events))).toBeGreaterThanOrEqual(38);
  });

  it('turn-delay-ms waits before the first line', async () => {
    const before = performance.timeOrigin + performance.now();
    const result = await run(['--sim-turn-delay-ms', '150']);
    expect((result.events[0]?.ts as number) - before).toBeGreaterThanOrEqual(150);
  });

  it('the same seed and prompt give the same words; another prompt other words', async () => {
    const seeded = { TROUPE_SIM_SEED: 'fixed' };
    const a = await run([], seeded);
    const b = await run([], seeded);
    const other = await runSim(['-p', 'Write the release notes', ...STREAM_FLAGS], { env: { ...env, ...seeded }, cwd: dirs.cwd });
    expect(textBlocks(a.events)).toEqual(textBlocks(b.events));
    expect(textBlocks(other.events)).not.toEqual(textBlocks(a.events));
    expect(a.events[0]?.session_id).not.toBe(b.events[0]?.session_id);
  });
});
