// `troupe doctor` against the pinned real CLIs: each one's own --version output is read right.
import { describe, expect, it } from 'vitest';
import { CONTRACT_TEST_TIMEOUT_MS } from './harness/timeouts.js';
import { doctorReport } from '../../src/cli/commands/doctor.js';
import { agentBins } from './harness/agent-bins.js';
import { pathWithClis } from './harness/cli-settings.js';
import { makeSandbox } from './harness/throwaway-home.js';

describe('troupe doctor with the real CLIs on PATH', { timeout: CONTRACT_TEST_TIMEOUT_MS }, () => {
  it('finds each pinned CLI and recognizes it as the tested version', async () => {
    const box = makeSandbox('doctor');
    try {
      const entries = await doctorReport({ PATH: pathWithClis(), HOME: box.home, TMPDIR: box.root });
      const bins = agentBins();
      for (const id of ['claude', 'gemini', 'codex'] as const) {
        const entry = entries.find((e) => e.id === id);
        expect(entry, id).toMatchObject({ installed: true, version: bins.versions[id], verdict: 'tested', warning: false });
        expect(entry?.path).toBe(`${bins.binDir}/${id}`);
      }
    } finally {
      box.remove();
    }
  });
});
