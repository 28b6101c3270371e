/** A TroupeError thrown in a session's worker thread keeps its code all the way to the browser. */
import { afterEach, describe, expect, it } from 'vitest';
import { createDashboardServices } from '../../src/server/create-services.js';
import { startDashboardServer, type DashboardServer } from '../../src/server/dashboard-server.js';
import { supervisorFixture, type SupervisorFixture } from '../helpers/supervisor-fixture.js';
import { simEnv } from '../helpers/sim-env.js';
import { TestClient, tinyUi, wsUrl } from '../server/test-server.js';

let fixture: SupervisorFixture | undefined;
let server: DashboardServer | undefined;
let close: (() => void) | undefined;
afterEach(async () => {
  await server?.close();
  close?.();
  await fixture?.dispose();
  server = undefined;
  fixture = undefined;
});

describe('errors across the worker boundary', () => {
  it('a worker refusing a call reaches the browser with its code (SESSION_ENDED), not INTERNAL', async () => {
    fixture = await supervisorFixture();
    const { supervisor, project } = fixture;
    const services = await createDashboardServices({ supervisor, projectRoot: project.root, defaultBackend: 'sim' });
    close = () => services.tree.close();
    server = await startDashboardServer({ services, uiDir: tinyUi(), port: 0 });
    const client = await TestClient.connect(wsUrl(server.origin), { Authorization: `Bearer ${server.token}`, Origin: server.origin });
    const id = await supervisor.start({ backend: 'sim', persona: 'specialist', prompt: 'x', env: simEnv(project.simStateDir, { chunks: 2 }) });
    await supervisor.whenSettled(id);
    // Both frames leave together: the worker takes the stop first, then refuses the send itself.
    client.sendRaw(JSON.stringify({ type: 'stop', sessionId: id, id: 'stop' }));
    client.sendRaw(JSON.stringify({ type: 'send', sessionId: id, message: 'too late', id: 'send' }));
    const reply = await client.waitFor((m) => m.type === 'reply' && m.id === 'send');
    expect(reply).toMatchObject({ ok: false, error: { code: 'SESSION_ENDED', message: expect.stringMatching(/has ended/) } });
    client.close();
  });
});
