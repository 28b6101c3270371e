import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_COMMAND_BYTES } from '../../src/protocol/wire.js';
import { parseCommand } from '../../src/server/command-schema.js';
import { startTestServer, TestClient } from './test-server.js';

describe('parseCommand', () => {
  it('accepts a well-formed command and keeps its id apart', () => {
    const parsed = parseCommand(JSON.stringify({ id: 7, type: 'send', sessionId: 's-1', message: 'hello' }));
    expect(parsed).toEqual({ ok: true, id: 7, command: { type: 'send', sessionId: 's-1', message: 'hello' } });
  });

  it('names unknown types and lists the known ones', () => {
    const parsed = parseCommand('{"id":"a","type":"format-disk"}');
    expect(parsed).toMatchObject({ ok: false, id: 'a', error: { code: 'UNKNOWN_COMMAND' } });
    if (!parsed.ok) expect(parsed.error.message).toContain('start, send');
  });

  it('names missing and unexpected fields', () => {
    const missing = parseCommand('{"type":"terminate"}');
    expect(missing).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    if (!missing.ok) expect(missing.error.message).toContain('sessionId');
    const extra = parseCommand('{"type":"ping","rm":"-rf"}');
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    const badSpec = parseCommand(JSON.stringify({ type: 'start', spec: { backend: 'vim', persona: 'specialist' } }));
    expect(badSpec).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    if (!badSpec.ok) expect(badSpec.error.message).toContain('spec.backend');
  });

  it('takes an answer to a permission request, and never a policy or bypass from the browser', () => {
    const answer = parseCommand(JSON.stringify({ id: 3, type: 'answer-permission', sessionId: 's-1', requestId: 'r-1', decision: 'allow', scope: 'session' }));
    expect(answer).toEqual({ ok: true, id: 3, command: { type: 'answer-permission', sessionId: 's-1', requestId: 'r-1', decision: 'allow', scope: 'session' } });
    const question = parseCommand(JSON.stringify({ type: 'answer-permission', sessionId: 's-1', requestId: 'q', decision: 'allow', answers: { 'Which?': 'A' } }));
    expect(question.ok).toBe(true);
    for (const bad of [
      { type: 'answer-permission', sessionId: 's-1', requestId: 'r-1', decision: 'maybe' },
      { type: 'answer-permission', sessionId: 's-1', decision: 'allow' },
      { type: 'answer-permission', sessionId: 's-1', requestId: 'r-1', decision: 'allow', rule: 'Bash' },
      { type: 'start', spec: { backend: 'sim', persona: 'specialist', permissions: { mode: 'bypass' } } },
    ]) {
      expect(parseCommand(JSON.stringify(bad)), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    }
    expect(parseCommand(JSON.stringify({ type: 'start', spec: { backend: 'sim', persona: 'specialist', longLived: true } })).ok).toBe(true);
  });

  it('lets the browser set only the simulated agent knobs in the environment', () => {
    const ok = parseCommand(JSON.stringify({ type: 'start', spec: { backend: 'sim', persona: 'qa-engineer', env: { TROUPE_SIM_CRASH_AFTER: '3' } } }));
    expect(ok.ok).toBe(true);
    const bad = parseCommand(JSON.stringify({ type: 'start', spec: { backend: 'sim', persona: 'qa-engineer', env: { LD_PRELOAD: '/tmp/x.so' } } }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
  });

  it('refuses non-JSON, non-objects and oversized frames', () => {
    expect(parseCommand('{nope')).toMatchObject({ ok: false, error: { code: 'BAD_JSON' } });
    expect(parseCommand('[1,2]')).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    expect(parseCommand('"ping"')).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    const huge = JSON.stringify({ type: 'send', message: 'x'.repeat(MAX_COMMAND_BYTES) });
    expect(parseCommand(huge)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
  });
});

describe('commands over the WebSocket', () => {
  let started: Awaited<ReturnType<typeof startTestServer>>;
  let client: TestClient;
  beforeAll(async () => {
    started = await startTestServer();
    client = await TestClient.open(started.server);
  });
  afterAll(async () => {
    client.close();
    await started.server.close();
  });

  it('replies with a clear error to bad commands and keeps the connection', async () => {
    client.sendRaw('not json');
    const badJson = await client.waitFor((m) => m.type === 'reply' && !m.ok && m.error.code === 'BAD_JSON');
    expect(badJson).toMatchObject({ ok: false });
    expect(await client.request({ type: 'explode' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(await client.request({ type: 'send' })).toMatchObject({ ok: false, error: { code: 'INVALID_COMMAND' } });
    const oversized = await client.request({ type: 'send', message: 'y'.repeat(MAX_COMMAND_BYTES + 10) });
    expect(oversized).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    client.sendRaw(Buffer.from([1, 2, 3]));
    expect(await client.request({ type: 'ping' })).toMatchObject({ ok: true });
  });

  it('closes only the socket that sends a frame beyond the hard cap; the server carries on', async () => {
    const abuser = await TestClient.open(started.server);
    const closed = new Promise<number>((resolve) => abuser.ws.once('close', (code) => resolve(code)));
    abuser.sendRaw('x'.repeat(5 * 1024 * 1024));
    expect(await closed).toBe(1009);
    expect(await client.request({ type: 'ping' })).toMatchObject({ ok: true });
  });

  it('carries out valid commands and reports supervisor errors', async () => {
    const started1 = await client.request({ type: 'start', spec: { backend: 'sim', persona: 'specialist', beadId: 'demo-1', prompt: 'go' } });
    expect(started1).toMatchObject({ ok: true, result: { sessionId: 's-1' } });
    expect(await client.request({ type: 'terminate', sessionId: 'nope' })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_SESSION' } });
    expect(await client.request({ type: 'list' })).toMatchObject({ ok: true, result: { sessions: [{ sessionId: 's-1' }] } });
    const update = await client.waitFor((m) => m.type === 'sessions' && m.upsert.some((s) => s.sessionId === 's-1'));
    expect(update).toBeTruthy();
    expect(await client.request({ type: 'switch-active', sessionId: 's-1' })).toMatchObject({ ok: true });
    expect(await client.waitFor((m) => m.type === 'active')).toMatchObject({ sessionId: 's-1' });
  });

  it('streams chunks only of watched sessions, with text deltas coalesced', async () => {
    const { supervisor } = started;
    const other = await supervisor.start({ backend: 'sim', persona: 'specialist' });
    await client.request({ type: 'watch', sessionIds: ['s-1'] });
    for (let i = 0; i < 50; i++) supervisor.emitText('s-1', `w${i} `);
    for (let i = 0; i < 5; i++) supervisor.emitText(other, 'ignored ');
    const marker = 'the end';
    supervisor.emitText('s-1', marker);
    await client.waitFor((m) => m.type === 'events' && m.events.some((e) => e.type === 'chunk' && e.chunk.kind === 'text' && e.chunk.text.endsWith(marker)));
    const frames = client.messages.filter((m) => m.type === 'events');
    expect(frames.every((m) => m.type === 'events' && m.sessionId === 's-1')).toBe(true);
    const text = frames.flatMap((m) => (m.type === 'events' ? m.events : [])).map((e) => (e.type === 'chunk' && e.chunk.kind === 'text' ? e.chunk.text : '')).join('');
    expect(text).toBe(Array.from({ length: 50 }, (_, i) => `w${i} `).join('') + marker);
    // 51 deltas emitted in one go arrive as far fewer chunks.
    expect(frames.flatMap((m) => (m.type === 'events' ? m.events : [])).length).toBeLessThan(10);
  });
});
