import { describe, expect, it } from 'vitest';
import { detectBackends, getBackend, listBackends } from '../../src/backends/registry.js';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import { BACKEND_IDS } from '../../src/protocol/index.js';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('backend registry', () => {
  it('finds every backend by its id', () => {
    for (const id of BACKEND_IDS) expect(getBackend(id).id).toBe(id);
  });

  it('lists the backends in the order of BACKEND_IDS', () => {
    expect(listBackends().map((b) => b.id)).toEqual([...BACKEND_IDS]);
  });

  it('an unknown id is an UNKNOWN_BACKEND error that lists the valid ids', () => {
    for (const id of ['nope', 'Claude', '', '__proto__', 'toString']) {
      const error = thrownBy(() => getBackend(id));
      expect(isTroupeError(error, 'UNKNOWN_BACKEND')).toBe(true);
      expect((error as Error).message).toBe(`unknown backend "${id}"; valid backends: claude, gemini, codex, sim`);
    }
  });

  it('only claude and sim run long-lived and encode stdin messages', () => {
    for (const backend of listBackends()) {
      const longLived = backend.id === 'claude' || backend.id === 'sim';
      expect(backend.capabilities.longLived).toBe(longLived);
      expect(typeof backend.encodeUserMessage === 'function').toBe(longLived);
    }
  });

  it('every backend has a display name, binary and install hint', () => {
    for (const backend of listBackends()) {
      expect(backend.displayName).not.toBe('');
      expect(backend.binary).not.toBe('');
      expect(backend.installHint).not.toBe('');
    }
  });

  it('detectBackends reports every backend, the real CLIs missing on an empty PATH', async () => {
    const statuses = await detectBackends({ PATH: '' });
    expect(statuses.map((s) => s.id)).toEqual([...BACKEND_IDS]);
    for (const status of statuses.filter((s) => s.id !== 'sim')) {
      expect(status.installed).toBe(false);
      expect(status.error).toBe(`${status.id} not found on PATH. Install it: ${getBackend(status.id).installHint}`);
    }
    expect(statuses.find((s) => s.id === 'sim')?.installed).toBe(true);
  });
});
