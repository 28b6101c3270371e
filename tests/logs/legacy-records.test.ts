// A log written by troupe 0.1 (schema 1), captured from the landed main: a crash and its restart,
// a second turn interrupted, then a stop. The reader of schema 2 still reads it.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayLog } from '../../src/logs/replay.js';
import { readLinesForward } from '../../src/logs/lines-forward.js';
import { parseLogLine } from '../../src/logs/parse-line.js';
import { readHistory } from '../../src/server/log-history.js';
import type { SessionInfo } from '../../src/protocol/session.js';
import { buildItems } from '../../src/ui/state/chat-model.js';
import { tempProject } from './fixtures.js';

const LEGACY = fileURLToPath(new URL('./fixtures/schema1-crash-restart-interrupt.jsonl', import.meta.url));

describe('a schema 1 log (troupe 0.1)', () => {
  it('replays to the state it ended in', async () => {
    const { info, state } = await replayLog(LEGACY, { isLive: () => false });
    expect(state.header?.schema).toBe(1);
    expect(info).toMatchObject({
      sessionId: '160d9aa3-45b9-474e-b28f-3b4d183d4c47',
      beadId: 'shop-7',
      status: 'stopped',
      reason: 'stopped by user',
      turns: 2,
      restarts: 1,
      lastTurn: 'interrupted',
      cliSessionId: '7ddb6310-f226-4b87-843f-5eb83e145249',
    });
    expect(info.totals.costUsd).toBeCloseTo(0.005505, 8);
    expect(state.session.lastSeq).toBeGreaterThan(10);
  });

  it('reads every line as a schema 2 record: who wrote each message, how each turn ended', async () => {
    const records = [];
    for await (const line of readLinesForward(LEGACY)) records.push(parseLogLine(line.text));
    expect(records.every((record) => record !== null)).toBe(true);
    const types = records.map((record) => record!.type);
    expect(types).toContain('restart-scheduled');
    expect(types).toContain('turn-interrupted');
    expect(types).toContain('stopped');
    expect(records.filter((r) => r!.type === 'user').map((r) => (r!.type === 'user' ? r.source : ''))).toEqual(['template', 'troupe', 'person']);
  });

  it('shows in the chat in order, with one marker for the crash and one for the interrupt', async () => {
    const project = tempProject();
    try {
      mkdirSync(join(project.root, 'logs'));
      const logPath = join(project.root, 'logs', 'legacy.jsonl');
      copyFileSync(LEGACY, logPath);
      const page = await readHistory({ sessionId: 'x', status: 'stopped', logPath } as SessionInfo, { limit: 1000 });
      const events = [...page.events].sort((a, b) => a.seq - b.seq);
      expect(events.map((e) => e.type)).toEqual([...page.events].reverse().map((e) => e.type));
      const items = buildItems(events);
      expect(items.filter((item) => item.kind === 'crash')).toMatchObject([{ restart: { attempt: 1, delayMs: 20 } }]);
      expect(items.filter((item) => item.kind === 'turn-end').map((item) => (item.kind === 'turn-end' ? item.outcome : ''))).toEqual(['done', 'interrupted']);
      expect(items[0]).toMatchObject({ kind: 'user', source: 'template', own: 'Fix the checkout total' });
    } finally {
      project.remove();
    }
  });
});
