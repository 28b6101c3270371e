/**
 * The one reducer on recorded event sequences: a real schema 2 log (two crashes and their restarts,
 * an interrupted turn, a stop, a revive, a shutdown, and a resume by a second troupe), folded event
 * by event.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applySessionEvent, foldSessionEvents } from '../../src/session/apply-session-event.js';
import { createSessionState, type SessionState } from '../../src/session/session-state.js';
import type { SessionEvent, SessionEventBody } from '../../src/protocol/session-events.js';
import type { PermissionRequest } from '../../src/protocol/permissions.js';

const RECORDED = fileURLToPath(new URL('./fixtures/crash-restart-interrupt-revive-resume.jsonl', import.meta.url));
const lines = readFileSync(RECORDED, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string } & Record<string, unknown>);
const events = lines.filter((line) => line.type !== 'header' && line.type !== 'footer') as unknown as SessionEvent[];
const header = lines[0] as unknown as { sessionId: string; persona: string; beadId: string; startedAt: number };

function initial(): SessionState {
  return createSessionState({ sessionId: header.sessionId, persona: header.persona, beadId: header.beadId, backendId: 'sim', createdAt: header.startedAt });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

describe('applySessionEvent on a recorded session', () => {
  it('moves through every status the session went through, in order', () => {
    let state = initial();
    const seen: string[] = [];
    for (const event of events) {
      state = applySessionEvent(deepFreeze(state), event);
      if (seen.at(-1) !== state.info.status) seen.push(state.info.status);
    }
    expect(seen).toEqual([
      'running', // the first prompt
      'restarting', // crash 1
      'running',
      'restarting', // crash 2
      'running',
      'idle', // turn 1 done
      'running',
      'idle', // turn 2 interrupted
      'stopped', // a person stopped it
      'running', // revived
      'idle',
      'stopped', // troupe shut down
      'running', // resumed by another troupe
      'idle',
      'stopped',
    ]);
  });

  it('counts turns, restarts, usage and the conversation id once each', () => {
    const { info, lastSeq } = foldSessionEvents(initial(), events);
    expect(info).toMatchObject({ turns: 4, restarts: 2, status: 'stopped', reason: 'troupe shut down', lastTurn: 'done', lastTurnOk: true });
    expect(lastSeq).toBe(Math.max(...events.map((e) => e.seq)));
    const sessions = new Set(events.flatMap((e) => (e.type === 'chunk' && e.chunk.kind === 'session' ? [e.chunk.cliSessionId] : [])));
    expect(sessions.size).toBe(1);
    expect(info.cliSessionId).toBe([...sessions][0]);
    expect(info.totals.costUsd).toBeGreaterThan(0);
    expect(info.pid).toBeUndefined();
  });

  it('shows each lifecycle step as it happens', () => {
    const after = (type: string, nth = 0) => {
      let state = initial();
      let count = 0;
      for (const event of events) {
        state = applySessionEvent(state, event);
        if (event.type === type && count++ === nth) return state.info;
      }
      throw new Error(`no ${type} #${nth}`);
    };
    expect(after('spawn')).toMatchObject({ status: 'running', pid: expect.any(Number) });
    expect(after('exit')).toMatchObject({ status: 'running', reason: 'exited with code 1 before the end of the turn' });
    expect(after('exit').pid).toBeUndefined();
    expect(after('restart-scheduled', 1)).toMatchObject({ status: 'restarting', restarts: 2, restart: { attempt: 2 } });
    expect(after('turn-interrupted')).toMatchObject({ status: 'idle', lastTurn: 'interrupted', lastTurnOk: false, reason: 'interrupted' });
    expect(after('stopped')).toMatchObject({ status: 'stopped', reason: 'stopped by user' });
    expect(after('resumed')).toMatchObject({ status: 'stopped' });
    expect(after('user', 4)).toMatchObject({ status: 'running', turns: 3 }); // the revive's message
    expect(after('user', 4).reason).toBeUndefined();
  });
});

describe('applySessionEvent on events a person answers', () => {
  let seq = 0;
  const ev = (body: SessionEventBody): SessionEvent => ({ ...body, seq: ++seq, at: 1_000 + seq }) as SessionEvent;
  const request = (id: string): PermissionRequest => ({ requestId: id, kind: 'tool', toolName: 'Bash', summary: 'npm test', askedAt: 1 });

  it('waits while a request is pending, and runs again once all are answered', () => {
    let state = foldSessionEvents(initial(), [ev({ type: 'user', turn: 1, text: 'x', source: 'person' })]);
    state = applySessionEvent(state, ev({ type: 'permission-requested', request: request('r1') }));
    state = applySessionEvent(state, ev({ type: 'permission-requested', request: request('r2') }));
    expect(state.info).toMatchObject({ status: 'waiting', pendingPermissions: [{ requestId: 'r1' }, { requestId: 'r2' }] });
    state = applySessionEvent(state, ev({ type: 'permission-resolved', requestId: 'r1', decision: 'allow', by: 'person' }));
    expect(state.info).toMatchObject({ status: 'waiting', pendingPermissions: [{ requestId: 'r2' }] });
    state = applySessionEvent(state, ev({ type: 'permission-resolved', requestId: 'r2', decision: 'deny', by: 'policy' }));
    expect(state.info.status).toBe('running');
    expect(state.info.pendingPermissions).toBeUndefined();
  });

  it('drops what is pending when the turn ends or the agent is restarted', () => {
    const pending = foldSessionEvents(initial(), [ev({ type: 'user', turn: 1, text: 'x', source: 'person' }), ev({ type: 'permission-requested', request: request('r9') })]);
    expect(applySessionEvent(pending, ev({ type: 'turn-interrupted', turn: 1 })).info.pendingPermissions).toBeUndefined();
    const restarted = applySessionEvent(pending, ev({ type: 'restart-scheduled', attempt: 1, delayMs: 5, reason: 'crash' }));
    expect(restarted.info).toMatchObject({ status: 'restarting' });
    expect(restarted.info.pendingPermissions).toBeUndefined();
  });

  it('keeps a summary of the workspace changes', () => {
    const state = applySessionEvent(
      initial(),
      ev({ type: 'workspace-changed', changes: { files: [{ path: 'a.ts', status: 'modified', added: 3, removed: 1 }], added: 3, removed: 1, commits: 0, uncommitted: true } }),
    );
    expect(state.info.changes).toEqual({ files: 1, added: 3, removed: 1, uncommitted: true, commits: 0 });
  });
});
