import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { benchRecord, generateBigLog } from '../../src/bench/logs.js';
import { listSessions } from '../../src/logs/list-sessions.js';
import { parseLogLine } from '../../src/logs/parse-line.js';
import { sessionLogPath } from '../../src/logs/paths.js';
import { replayLog } from '../../src/logs/replay.js';
import { tempProject } from '../logs/fixtures.js';

let project: ReturnType<typeof tempProject>;
beforeEach(() => {
  project = tempProject();
});
afterEach(() => project.remove());

describe('the generated log of the logs benchmark', () => {
  it('is a valid session log of about the asked size, readable by the listing and the replay', async () => {
    const path = sessionLogPath(project.root, 'bp6-1', 'b16b16b1-0000-4000-8000-000000000200', 0);
    const records = generateBigLog(path, 3 * 1024 * 1024);
    const size = statSync(path).size;
    expect(size).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(size).toBeGreaterThan(2.9 * 1024 * 1024);
    const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
    expect(lines).toHaveLength(records);
    expect(lines.every((line) => parseLogLine(line) !== null)).toBe(true);

    const replay = await replayLog(path, { isLive: () => false });
    expect(replay.skipped).toBe(0);
    expect(replay.info.cliSessionId).toBe('62dad100-916d-49cc-b87f-9494f9166e5d');
    const [listed] = await listSessions(project.root, { isLive: () => false });
    expect(listed).toMatchObject({ status: 'interrupted', turns: replay.info.turns, cliSessionId: replay.info.cliSessionId, complete: false });
  });

  it('mixes text deltas with tool calls and results', () => {
    const kinds = new Set(Array.from({ length: 40 }, (_, i) => benchRecord(i, 1, 0)).map((r) => (r.type === 'chunk' ? r.chunk.kind : r.type)));
    expect([...kinds].sort()).toEqual(['text', 'tool_result', 'tool_use']);
  });
});
