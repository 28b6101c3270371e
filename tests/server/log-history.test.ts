import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readHistory } from '../../src/server/log-history.js';
import type { SessionInfo } from '../../src/protocol/session.js';
import { header, jsonl, tempProject, text } from '../logs/fixtures.js';

const project = tempProject();
afterAll(() => project.remove());

function sessionWithLog(name: string, prompt: string | undefined): SessionInfo {
  const dir = join(project.root, 'logs');
  mkdirSync(dir, { recursive: true });
  const logPath = join(dir, `${name}.jsonl`);
  const spec = prompt === undefined ? undefined : { prompt };
  writeFileSync(
    logPath,
    jsonl([
      header({ spec }),
      { type: 'user', turn: 1, text: `You are the specialist on bead bp6-1.\n\nTask: ${prompt ?? 'implement'}`, at: 1 },
      text(1, 'one '),
      text(1, 'two '),
      text(1, 'three'),
    ]),
  );
  return { sessionId: name, status: 'idle', logPath } as SessionInfo;
}

describe('readHistory', () => {
  it('marks the built first prompt with the person own words when the header is in the page', async () => {
    const info = sessionWithLog('whole', 'Fix the checkout total');
    const page = await readHistory(info, { limit: 50 });
    expect(page.entries.find((e) => e.k === 'user')).toMatchObject({ generated: true, own: 'Fix the checkout total' });
  });

  it('still does when a page boundary falls between the header and the first prompt', async () => {
    const info = sessionWithLog('split', 'Fix the checkout total');
    const page = await readHistory(info, { limit: 4 });
    expect(page.nextBefore).toBeDefined();
    expect(page.entries.find((e) => e.k === 'user')).toMatchObject({ generated: true, own: 'Fix the checkout total' });
  });

  it('marks it generated without own words when the person gave none', async () => {
    const info = sessionWithLog('bare', undefined);
    const page = await readHistory(info, { limit: 4 });
    const user = page.entries.find((e) => e.k === 'user');
    expect(user).toMatchObject({ generated: true });
    expect(user).not.toHaveProperty('own');
  });
});
