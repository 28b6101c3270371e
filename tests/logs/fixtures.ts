/** Builders for session logs in temporary project folders. */
import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentChunk } from '../../src/protocol/chunks.js';
import type { SessionEvent, SessionEventBody } from '../../src/protocol/session-events.js';
import type { LogFooter, LogHeader, LogRecord } from '../../src/logs/records.js';

export function tempProject(): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'troupe-logs-'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A project and a folder outside it, made before and removed after each test (for symlink tests). */
export function projectAndOutside(): { project: () => string; outside: () => string } {
  let project: ReturnType<typeof tempProject> | undefined;
  let outside: ReturnType<typeof tempProject> | undefined;
  beforeEach(() => {
    project = tempProject();
    outside = tempProject();
  });
  afterEach(() => {
    project?.remove();
    outside?.remove();
  });
  return { project: () => project!.root, outside: () => outside!.root };
}

export function header(overrides: Partial<LogHeader> = {}): LogHeader {
  return {
    type: 'header',
    schema: 2,
    sessionId: '3f6c1a52-8d1e-4c3b-9a57-1f2e3d4c5b6a',
    beadId: 'bp6-07y.1',
    persona: 'specialist',
    backend: 'sim',
    model: 'sim-1',
    cwd: '/tmp/project',
    startedAt: 1_700_000_000_000,
    troupeVersion: '0.1.0',
    troupePid: process.pid,
    ...overrides,
  };
}

let seq = 0;

/** The next event of the log being built, numbered on from the one before. */
export function event(body: SessionEventBody, at = 1_700_000_001_000 + seq): SessionEvent {
  seq += 1;
  return { ...body, seq, at } as SessionEvent;
}

/** Starts the numbering again (a new log). */
export function resetSeq(): void {
  seq = 0;
}

export function chunk(turn: number, body: AgentChunk, at = 1_700_000_001_000 + seq): LogRecord {
  return event({ type: 'chunk', turn, chunk: body }, at);
}

export function text(turn: number, words: string): LogRecord {
  return chunk(turn, { kind: 'text', text: words, delta: true });
}

export function footer(overrides: Partial<LogFooter> = {}): LogFooter {
  return {
    type: 'footer',
    reason: 'user',
    endedAt: 1_700_000_009_000,
    totals: { turns: 1, inputTokens: 10, outputTokens: 20, costUsd: 0.01, restarts: 0 },
    ...overrides,
  };
}

export function jsonl(records: LogRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}
