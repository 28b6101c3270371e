// The real Claude Code in its default troupe mode: one long-lived process on the control protocol
// (`--permission-prompt-tool stdio`), asking troupe before a Bash command that needs approval.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PermissionRequest } from '../../../src/protocol/permissions.js';
import type { SessionSpec } from '../../../src/protocol/session.js';
import { markedProcesses, MARK_VARIABLE, waitForNoMarkedProcesses } from '../../helpers/process-table.js';
import { mentions } from '../mock-apis/mock-server.js';
import { reply } from '../mock-apis/script.js';
import { ofKind } from '../harness/backend-run.js';
import { DRIVERS } from '../harness/cli-drivers.js';
import { CONTRACT_TEST_TIMEOUT_MS } from '../harness/timeouts.js';
import { logRecords, pendingRequest, settled, troupeFixtures, type TroupeFixture } from '../harness/troupe-fixture.js';

const FILE = 'created-by-agent.txt';
const TOUCH = `touch ${FILE}`;

/** Claude as troupe runs it by default, asking for everything its own default mode asks for. */
function asking(fixture: TroupeFixture, mark: string): Partial<SessionSpec> {
  return {
    longLived: undefined,
    extraArgs: [],
    permissions: { mode: 'ask' },
    env: { ...fixture.settings.env, [MARK_VARIABLE]: mark },
  };
}

function resolutions(records: Awaited<ReturnType<typeof logRecords>>): string[] {
  return records.flatMap((r) => (r.type === 'permission-resolved' ? [`${r.decision}:${r.by}${r.scope === 'session' ? ':session' : ''}`] : []));
}

function expectBashRequest(request: PermissionRequest): void {
  expect(request).toMatchObject({ kind: 'tool', toolName: 'Bash', summary: TOUCH, sessionRule: `Bash(${TOUCH})`, suggestions: [`Bash(${TOUCH})`] });
}

describe('claude (real CLI) asks troupe before it acts', { timeout: CONTRACT_TEST_TIMEOUT_MS }, () => {
  const fixtures = troupeFixtures(DRIVERS.claude);

  it('allow: the command really runs, then the turn ends well', async () => {
    const fixture = await fixtures([reply.shell(TOUCH), reply.text('Done.')]);
    const mark = randomUUID();
    const { id, chunks } = await fixture.start('create the file', asking(fixture, mark));
    const request = await pendingRequest(fixture.supervisor, id);
    expectBashRequest(request);
    expect(fixture.supervisor.get(id)?.status).toBe('waiting');
    expect(existsSync(join(fixture.box.cwd, FILE))).toBe(false);
    await fixture.supervisor.answerPermission(id, request.requestId, { decision: 'allow' });
    const info = await settled(fixture.supervisor, id);
    expect(info).toMatchObject({ status: 'idle', lastTurn: 'done', restarts: 0 });
    expect(existsSync(join(fixture.box.cwd, FILE))).toBe(true);
    expect(ofKind(chunks, 'tool_result')).toMatchObject([{ isError: false }]);
    await fixture.supervisor.stop(id);
    expect(resolutions(await logRecords(info.logPath!))).toEqual(['allow:person']);
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });

  it('deny: the command does not run, the agent reads why and the turn ends well', async () => {
    const fixture = await fixtures([reply.shell(TOUCH), reply.text('Understood.')]);
    const mark = randomUUID();
    const { id, chunks } = await fixture.start('create the file', asking(fixture, mark));
    const request = await pendingRequest(fixture.supervisor, id);
    await fixture.supervisor.answerPermission(id, request.requestId, { decision: 'deny', message: 'Not in this folder.' });
    const info = await settled(fixture.supervisor, id);
    expect(info).toMatchObject({ status: 'idle', lastTurn: 'done' });
    expect(existsSync(join(fixture.box.cwd, FILE))).toBe(false);
    expect(ofKind(chunks, 'tool_result')).toMatchObject([{ isError: true, output: expect.stringContaining('Not in this folder.') }]);
    expect(mentions(fixture.api.turnRequests()[1]!, 'Not in this folder.')).toBe(true);
    await fixture.supervisor.stop(id);
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });

  it('interrupt while pending: nothing runs, the process stays for the next turn, which resumes the conversation', async () => {
    const fixture = await fixtures([reply.shell(TOUCH), reply.text('Second answer.')]);
    const mark = randomUUID();
    const { id } = await fixture.start('create the file', asking(fixture, mark));
    await pendingRequest(fixture.supervisor, id);
    const pid = fixture.supervisor.get(id)?.pid;
    await fixture.supervisor.interrupt(id);
    const first = await settled(fixture.supervisor, id);
    expect(first).toMatchObject({ status: 'idle', lastTurn: 'interrupted', restarts: 0 });
    expect(first.pendingPermissions).toBeUndefined();
    expect(existsSync(join(fixture.box.cwd, FILE))).toBe(false);
    // Only the agent itself is left, waiting for its next message: no tool ran.
    expect(markedProcesses(mark)).toEqual([pid]);
    await fixture.supervisor.send('just answer', id);
    const second = await settled(fixture.supervisor, id);
    expect(second).toMatchObject({ status: 'idle', lastTurn: 'done', cliSessionId: first.cliSessionId, pid });
    const resumed = fixture.api.turnRequests().at(-1)!;
    expect(mentions(resumed, 'create the file')).toBe(true);
    expect(mentions(resumed, 'just answer')).toBe(true);
    await fixture.supervisor.stop(id);
    const records = await logRecords(second.logPath!);
    expect(resolutions(records)).toEqual(['deny:cancelled']);
    expect(records.filter((r) => r.type === 'spawn')).toHaveLength(1);
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });

  it('"allow for this session": the second identical call is answered by the policy', async () => {
    const fixture = await fixtures([reply.shell(TOUCH), reply.text('One.'), reply.shell(TOUCH), reply.text('Two.')]);
    const mark = randomUUID();
    const { id } = await fixture.start('create the file', asking(fixture, mark));
    const request = await pendingRequest(fixture.supervisor, id);
    await fixture.supervisor.answerPermission(id, request.requestId, { decision: 'allow', scope: 'session' });
    const first = await settled(fixture.supervisor, id);
    expect(first).toMatchObject({ lastTurn: 'done', sessionRules: [`Bash(${TOUCH})`] });
    await fixture.supervisor.send('once more', id);
    const second = await settled(fixture.supervisor, id);
    expect(second).toMatchObject({ status: 'idle', lastTurn: 'done' });
    await fixture.supervisor.stop(id);
    const records = await logRecords(second.logPath!);
    expect(resolutions(records)).toEqual(['allow:person:session', 'allow:policy']);
    expect(records.filter((r) => r.type === 'permission-requested')).toHaveLength(1);
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });

  it('a restart while a request is pending: the restarted agent asks again', async () => {
    const fixture = await fixtures([reply.shell(TOUCH), reply.shell(TOUCH), reply.text('Done.')]);
    const mark = randomUUID();
    const { id } = await fixture.start('create the file', { ...asking(fixture, mark), restartPolicy: { minBackoffMs: 50, maxBackoffMs: 100 } });
    const first = await pendingRequest(fixture.supervisor, id);
    const pid = fixture.supervisor.get(id)!.pid!;
    process.kill(-pid, 'SIGKILL');
    const again = await pendingRequestAfter(fixture, id, first.requestId);
    expect(again.requestId).not.toBe(first.requestId);
    expectBashRequest(again);
    expect(fixture.supervisor.get(id)).toMatchObject({ status: 'waiting', restarts: 1 });
    await fixture.supervisor.answerPermission(id, again.requestId, { decision: 'allow' });
    const info = await settled(fixture.supervisor, id);
    expect(info).toMatchObject({ status: 'idle', lastTurn: 'done', restarts: 1 });
    expect(existsSync(join(fixture.box.cwd, FILE))).toBe(true);
    await fixture.supervisor.stop(id);
    expect(resolutions(await logRecords(info.logPath!))).toEqual(['deny:cancelled', 'allow:person']);
    expect(await waitForNoMarkedProcesses(mark)).toEqual([]);
  });
});

/** The next pending request that is not `previous` (the old one may still be listed for a moment). */
async function pendingRequestAfter(fixture: TroupeFixture, id: string, previous: string): Promise<PermissionRequest> {
  for (;;) {
    const request = await pendingRequest(fixture.supervisor, id);
    if (request.requestId !== previous) return request;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
