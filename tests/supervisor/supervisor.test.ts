import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter, toArray } from 'rxjs';
import { randomUUID } from 'node:crypto';
import type { SequencedChunk, SessionEvent } from '../../src/protocol/index.js';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';
import { simEnv } from '../helpers/sim-env.js';
import { isAlive, markedProcesses, waitForNoMarkedProcesses } from '../helpers/process-table.js';

let fixture: SupervisorFixture;
afterEach(async () => fixture?.dispose());

function collect(sessionId: string): SequencedChunk[] {
  const seen: SequencedChunk[] = [];
  fixture.supervisor.chunks(sessionId).subscribe((chunk) => seen.push(chunk));
  return seen;
}

function collectEvents(sessionId: string): SessionEvent[] {
  const seen: SessionEvent[] = [];
  fixture.supervisor.sessionEvents(sessionId).subscribe((event) => seen.push(event));
  return seen;
}

function text(chunks: SequencedChunk[]): string {
  return chunks.map((chunk) => (chunk.kind === 'text' ? chunk.text : '')).join('');
}

describe('Supervisor with the simulated agent', () => {
  it('starts, streams a turn, sends a follow-up that resumes the same conversation, lists and stops', async () => {
    fixture = await supervisorFixture();
    const { supervisor, project } = fixture;
    const id = await supervisor.start({ backend: 'sim', persona: 'qa-engineer', prompt: 'hello', env: simEnv(project.simStateDir, { chunks: 4 }) });
    const chunks = collect(id);
    expect(supervisor.getActive()).toBe(id);
    expect(supervisor.list().map((s) => s.sessionId)).toEqual([id]);

    const first = await supervisor.whenSettled(id);
    expect(first).toMatchObject({ status: 'idle', turns: 1, lastTurnOk: true, backendId: 'sim', persona: 'qa-engineer' });
    expect(first.cliSessionId).toMatch(/[0-9a-f-]{36}/);
    expect(chunks.some((c) => c.kind === 'done' && c.ok)).toBe(true);

    await supervisor.send('and now?');
    const second = await supervisor.whenSettled(id);
    expect(second).toMatchObject({ status: 'idle', turns: 2, lastTurnOk: true, cliSessionId: first.cliSessionId });
    const turnTwo = chunks.filter((c) => c.turn === 2);
    expect(turnTwo.find((c) => c.kind === 'session')).toMatchObject({ cliSessionId: first.cliSessionId });
    expect(text(turnTwo).length).toBeGreaterThan(0);
    expect(second.totals.costUsd).toBeGreaterThan(first.totals.costUsd);

    await supervisor.stop(id);
    expect(supervisor.get(id)).toMatchObject({ status: 'stopped' });
    await expect(supervisor.send('more', id)).rejects.toMatchObject({ code: 'SESSION_ENDED' });
  });

  it('switches the active session and terminates one', async () => {
    fixture = await supervisorFixture();
    const { supervisor, project } = fixture;
    const env = simEnv(project.simStateDir, { chunks: 2 });
    const a = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'a', env });
    const b = await supervisor.start({ backend: 'sim', persona: 'product-manager', prompt: 'b', env });
    const changes = firstValueFrom(supervisor.events$.pipe(filter((e) => e.type === 'active-session-changed')));
    supervisor.switchActive(b);
    expect(await changes).toMatchObject({ sessionId: b });
    expect(supervisor.getActive()).toBe(b);
    await Promise.all([supervisor.whenSettled(a), supervisor.whenSettled(b)]);
    await supervisor.terminate(b);
    expect(supervisor.list().map((s) => s.sessionId)).toEqual([a]);
    expect(supervisor.getActive()).toBe(a);
    expect(() => supervisor.switchActive(b)).toThrow(/unknown session/);
  });

  it('runs 20 sessions at once and delivers every chunk of each, in order', { timeout: 120_000 }, async () => {
    fixture = await supervisorFixture({ warmThreads: 2 });
    const { supervisor, project } = fixture;
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        supervisor.start({ backend: 'sim', persona: 'specialist', prompt: `task ${n}`, env: simEnv(project.simStateDir, { chunks: 30, delayMs: 2, seed: n }) }),
      ),
    );
    const streams = ids.map((id) => collectEvents(id));
    const infos = await Promise.all(ids.map((id) => supervisor.whenSettled(id)));
    expect(infos.filter((info) => !(info.status === 'idle' && info.lastTurnOk))).toEqual([]);
    for (const events of streams) {
      const seqs = events.map((e) => e.seq);
      // Sequence numbers start at 1 and have no gap: nothing lost, nothing reordered.
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      const chunks = events.flatMap((e) => (e.type === 'chunk' ? [e.chunk] : []));
      expect(chunks.filter((c) => c.kind === 'text').length).toBeGreaterThanOrEqual(30);
      expect(chunks.filter((c) => c.kind === 'done')).toMatchObject([{ ok: true }]);
      expect(events.filter((e) => e.type === 'turn-done')).toHaveLength(1);
    }
  });

  it('stop kills the whole process tree of the agent', async () => {
    fixture = await supervisorFixture();
    const { supervisor, project } = fixture;
    const mark = randomUUID();
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'long', env: simEnv(project.simStateDir, { hangAfter: 1 }, mark) });
    await firstValueFrom(supervisor.chunks(id).pipe(filter((c) => c.kind === 'text')));
    const pid = supervisor.get(id)?.pid;
    expect(pid).toBeGreaterThan(0);
    expect(markedProcesses(mark)).toContain(pid);
    await supervisor.stop(id);
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
    expect(isAlive(pid!)).toBe(false);
  });

  it.each([
    ['throws', { workerThrowAfterChunks: 2 }],
    ['calls process.exit', { workerExitAfterChunks: 2 }],
  ])('a worker that %s mid-session leaves no orphan agent', async (_name, faults) => {
    fixture = await supervisorFixture({ restartPolicy: { restart: 'temporary' } });
    const { supervisor, project } = fixture;
    const mark = randomUUID();
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x', faults, env: simEnv(project.simStateDir, { hangAfter: 3 }, mark) });
    const info = await supervisor.whenSettled(id);
    expect(info.status).toBe('failed');
    expect(info.reason).toMatch(/worker thread died/);
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });

  it('survives malformed, binary and oversize lines and still finishes the turn', async () => {
    fixture = await supervisorFixture();
    const { supervisor, project } = fixture;
    const id = await supervisor.start({
      backend: 'sim',
      persona: 'specialist',
      prompt: 'noisy',
      env: simEnv(project.simStateDir, { chunks: 5, garbage: 4, hugeLineBytes: 9 * 1024 * 1024, stderrNoise: 3 }),
    });
    const chunks = collect(id);
    const stderr = firstValueFrom(supervisor.events$.pipe(filter((e) => e.type === 'session-event' && e.event.type === 'stderr')));
    const info = await supervisor.whenSettled(id);
    expect(info).toMatchObject({ status: 'idle', lastTurnOk: true });
    const notices = chunks.filter((c) => c.kind === 'notice');
    expect(notices.filter((c) => c.kind === 'notice' && c.code === 'unparsable_line').length).toBeGreaterThanOrEqual(4);
    expect(notices.some((c) => c.kind === 'notice' && c.code === 'line_too_long')).toBe(true);
    expect(await stderr).toMatchObject({ sessionId: id });
  });

  it('refuses a start beyond the session limit instead of queueing it', async () => {
    fixture = await supervisorFixture({ maxSessions: 2 });
    const { supervisor, project } = fixture;
    const env = simEnv(project.simStateDir, { hangAfter: 1 });
    await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'a', env });
    await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'b', env });
    await expect(supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'c', env })).rejects.toMatchObject({
      code: 'SESSION_LIMIT',
      message: expect.stringMatching(/session limit reached: 2 live sessions/),
    });
    expect(supervisor.list()).toHaveLength(2);
  });

  it('gives clear errors for an unknown session, an unknown backend, persona, and a missing binary', async () => {
    fixture = await supervisorFixture();
    const { supervisor } = fixture;
    await expect(supervisor.send('hi', 'no-such-id')).rejects.toThrow(/unknown session id "no-such-id"/);
    await expect(supervisor.send('hi')).rejects.toMatchObject({ code: 'NO_ACTIVE_SESSION' });
    await expect(supervisor.start({ backend: 'nope' as never, persona: 'specialist', prompt: 'x' })).rejects.toThrow(/claude, gemini, codex, sim/);
    await expect(supervisor.start({ backend: 'sim', persona: 'wizard', prompt: 'x' })).rejects.toThrow(/product-manager/);
    const missing = await supervisor.start({ backend: 'claude', persona: 'specialist', prompt: 'x', env: { PATH: '/nonexistent' } }).catch((e: unknown) => e);
    expect(isTroupeError(missing, 'BACKEND_NOT_INSTALLED')).toBe(true);
    expect(String((missing as Error).message)).toMatch(/npm/);
    expect(supervisor.list()).toEqual([]);
  });
});
