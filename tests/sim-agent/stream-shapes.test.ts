/** The simulated agent's stream has the shapes of the real Claude Code captures. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClaudeParser } from '../../src/backends/claude-parser.js';
import type { AgentChunk } from '../../src/protocol/index.js';
import { isInit, isResult, runSim, STREAM_FLAGS, tempDirs, type Json, type SimResult } from './run-sim.js';

const capturesDir = join(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared', 'data', 'agent-streams', 'claude');

function capture(file: string): Json[] {
  return readFileSync(join(capturesDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Json);
}

/** Keys whose children are named by value (a model name), not by schema. */
const NAMED_BY_VALUE = new Set(['modelUsage', 'model_usage_since_last_result']);
/** Arrays whose first element's shape is part of the schema. */
const SHAPED_ARRAYS = new Set(['content', 'tool_result_meta']);

/** Every key path of an event, e.g. `message.content[].type`. */
function keyPaths(value: unknown, prefix = ''): Set<string> {
  const paths = new Set<string>();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return paths;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    paths.add(path);
    if (NAMED_BY_VALUE.has(key) && typeof child === 'object' && child !== null) {
      for (const inner of Object.values(child)) for (const p of keyPaths(inner, `${path}.*`)) paths.add(p);
    } else if (Array.isArray(child)) {
      if (SHAPED_ARRAYS.has(key) && child.length > 0) for (const p of keyPaths(child[0], `${path}[]`)) paths.add(p);
    } else {
      for (const p of keyPaths(child, path)) paths.add(p);
    }
  }
  return paths;
}

function missingKeys(real: Json, sim: Json): string[] {
  const simPaths = keyPaths(sim);
  return [...keyPaths(real)].filter((p) => !simPaths.has(p));
}

const blockType = (e: Json): string | undefined => e.message?.content?.[0]?.type;
const find = (events: Json[], test: (e: Json) => boolean): Json => {
  const found = events.find(test);
  if (!found) throw new Error('no such event');
  return found;
};

describe('stream shapes against the real captures', () => {
  const dirs = tempDirs();
  let plain: SimResult;
  let partial: SimResult;
  let failing: SimResult;

  beforeAll(async () => {
    const env = { TROUPE_SIM_STATE_DIR: dirs.stateDir, TROUPE_SIM_SEED: 'shapes' };
    [plain, partial, failing] = await Promise.all([
      runSim(['-p', 'List the files', ...STREAM_FLAGS], { env, cwd: dirs.cwd }),
      runSim(['-p', 'List the files', ...STREAM_FLAGS, '--include-partial-messages'], { env, cwd: dirs.cwd }),
      runSim(['-p', 'List the files', ...STREAM_FLAGS, '--sim-fail'], { env, cwd: dirs.cwd }),
    ]);
  });
  afterAll(() => dirs.cleanup());

  it('opens with system/init carrying session_id, model, cwd and tools, and every key of the real init', () => {
    const init = plain.events[0] as Json;
    expect(isInit(init)).toBe(true);
    expect(Object.keys(init)).toEqual(expect.arrayContaining(['session_id', 'model', 'cwd', 'tools']));
    expect(init.cwd).toBe(dirs.cwd);
    expect(init.tools).toEqual(expect.arrayContaining(['Bash', 'Read']));
    expect(missingKeys(capture('tool-roundtrip.stream.jsonl')[0] as Json, init)).toEqual([]);
  });

  it('writes assistant text, tool_use and user tool_result lines with the real keys', () => {
    const real = capture('tool-roundtrip.stream.jsonl');
    const pairs: [(e: Json) => boolean, string][] = [
      [(e) => e.type === 'assistant' && blockType(e) === 'text', 'text'],
      [(e) => e.type === 'assistant' && blockType(e) === 'tool_use', 'tool_use'],
      [(e) => e.type === 'user' && blockType(e) === 'tool_result', 'tool_result'],
    ];
    for (const [test, name] of pairs) {
      expect({ name, missing: missingKeys(find(real, test), find(plain.events, test)) }).toEqual({ name, missing: [] });
    }
    for (const e of plain.events.filter((x) => x.type === 'assistant')) expect(e.message.content).toHaveLength(1);
    const toolUse = find(plain.events, (e) => blockType(e) === 'tool_use').message.content[0];
    expect(toolUse.id).toMatch(/^toolu_/);
    const toolResult = find(plain.events, (e) => blockType(e) === 'tool_result').message.content[0];
    expect(toolResult.tool_use_id).toBe(toolUse.id);
  });

  it('ends with a success result that has every key of the real one', () => {
    const result = plain.events.at(-1) as Json;
    expect(isResult(result)).toBe(true);
    const real = capture('tool-roundtrip.stream.jsonl').at(-1) as Json;
    expect(keyPaths(real).size).toBeGreaterThan(60);
    expect(missingKeys(real, result)).toEqual([]);
    expect(result).toMatchObject({ is_error: false, subtype: 'success', terminal_reason: 'completed', num_turns: 2 });
    expect(result.session_id).toBe(plain.events[0]?.session_id);
    expect(result.total_cost_usd).toBeGreaterThan(0);
    expect(plain.code).toBe(0);
    // Claude's result is the text of the last assistant message (the one after the last tool result).
    const lastToolResult = plain.events.findLastIndex((e) => e.type === 'user');
    const after = plain.events.slice(lastToolResult + 1).filter((e) => e.type === 'assistant');
    expect(result.result).toBe(after.map((e) => e.message.content[0].text).join(''));
  });

  it('stamps every line with a ts from the agent clock', () => {
    for (const e of plain.events) expect(typeof e.ts).toBe('number');
    const stamps = plain.events.map((e) => e.ts as number);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(Math.abs((stamps[0] as number) - Date.now())).toBeLessThan(60_000);
  });

  it('with partial messages, writes stream_event deltas like the real capture', () => {
    const real = capture('partial-messages.stream.jsonl');
    const innerTypes = ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop'];
    for (const inner of innerTypes) {
      const test = (e: Json) => e.type === 'stream_event' && e.event.type === inner;
      expect({ inner, missing: missingKeys(find(real, test), find(partial.events, test)) }).toEqual({ inner, missing: [] });
    }
    const status = (e: Json) => e.type === 'system' && e.subtype === 'status';
    expect(missingKeys(find(real, status), find(partial.events, status))).toEqual([]);
    // Every finished text block is preceded by deltas that add up to it.
    let streamed = '';
    for (const e of partial.events) {
      if (e.type === 'stream_event' && e.event.delta?.type === 'text_delta') streamed += e.event.delta.text;
      if (e.type === 'assistant' && blockType(e) === 'text') {
        expect(streamed).toBe(e.message.content[0].text);
        streamed = '';
      }
    }
  });

  it('with the fail knob, ends like the captured api-401 run and exits 1', () => {
    const real = capture('api-401-noretry.stream.jsonl');
    expect(failing.code).toBe(1);
    expect(failing.events.map((e) => e.type)).toEqual(['system', 'assistant', 'result']);
    expect(missingKeys(real[1] as Json, failing.events[1] as Json)).toEqual([]);
    expect(missingKeys(real[2] as Json, failing.events[2] as Json)).toEqual([]);
    expect(failing.events[2]).toMatchObject({ is_error: true, subtype: 'success', terminal_reason: 'api_error' });
  });

  it('is read by the Claude parser as one clean turn, partial or not, with no text counted twice', () => {
    const chunksOf = (result: SimResult): AgentChunk[] => {
      const parser = createClaudeParser();
      return result.lines.flatMap((line) => parser.parse(line));
    };
    const textOf = (chunks: AgentChunk[]) =>
      chunks.flatMap((c) => (c.kind === 'text' ? [c.text] : [])).join('');
    const fromPlain = chunksOf(plain);
    const fromPartial = chunksOf(partial);
    for (const chunks of [fromPlain, fromPartial]) {
      expect(chunks[0]).toMatchObject({ kind: 'session', cliSessionId: expect.any(String), cwd: dirs.cwd });
      expect(chunks.filter((c) => c.kind === 'tool_use')).toHaveLength(1);
      expect(chunks.filter((c) => c.kind === 'tool_result')).toHaveLength(1);
      expect(chunks.at(-1)).toMatchObject({ kind: 'done', ok: true });
      expect(chunks.some((c) => c.kind === 'raw')).toBe(false);
    }
    // Same seed, same prompt: the same words, whether streamed as deltas or as whole blocks.
    expect(textOf(fromPartial)).toBe(textOf(fromPlain));
    expect(textOf(fromPlain)).toBe(textBlocksOf(plain));
  });
});

function textBlocksOf(result: SimResult): string {
  return result.events
    .filter((e) => e.type === 'assistant' && blockType(e) === 'text')
    .map((e) => e.message.content[0].text as string)
    .join('');
}
