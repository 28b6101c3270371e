import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimBackend, simBackend } from '../../src/backends/sim.js';
import { PACKAGE_ROOT, SIM_AGENT_SCRIPT } from '../../src/paths.js';

async function packageVersion(): Promise<string> {
  return (JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

describe('sim backend', () => {
  it('is always installed, with the package version', async () => {
    const status = await simBackend.detect({ PATH: '' });
    expect(status.installed).toBe(true);
    expect(status.version).toBe(await packageVersion());
    if (existsSync(SIM_AGENT_SCRIPT)) {
      expect(status.path).toBe(SIM_AGENT_SCRIPT);
      expect(await simBackend.locate({ PATH: '' })).toBe(SIM_AGENT_SCRIPT);
    }
  });

  it('without a build: locate finds nothing and detect says to build', async () => {
    const missing = join(PACKAGE_ROOT, 'dist', 'no-such-build', 'main.js');
    const backend = createSimBackend(missing);
    expect(await backend.locate()).toBeNull();
    expect(await backend.detect()).toEqual({
      id: 'sim',
      installed: true,
      version: await packageVersion(),
      error: `${missing} is missing: run npm run build`,
    });
    expect(backend.commandLine({ prompt: 'hi', mode: 'new', cwd: '/' }).args[0]).toBe(missing);
  });

  it('uses the Claude parser: sim stream-json lines parse like Claude', () => {
    const parser = simBackend.createParser();
    const chunks = parser.parse(
      JSON.stringify({ type: 'system', subtype: 'init', session_id: 'sim-1', model: 'sim', cwd: '/w', ts: 123.4 }),
    );
    expect(chunks).toEqual([{ kind: 'session', cliSessionId: 'sim-1', model: 'sim', cwd: '/w', emittedAt: 123.4 }]);
    expect(simBackend.isFatalExit(1)).toBe(false);
  });
});
