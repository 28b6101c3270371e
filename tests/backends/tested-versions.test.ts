import { describe, expect, it } from 'vitest';
import { checkTestedVersion, compareVersions, TESTED_VERSIONS } from '../../src/backends/tested-versions.js';

describe('tested agent CLI versions', () => {
  it('compares semver, prereleases before their release, and refuses what is not semver', () => {
    expect(compareVersions('2.1.10', '2.1.9')).toBe(1);
    expect(compareVersions('0.61.0', '0.61.0')).toBe(0);
    expect(compareVersions('0.160.0', '0.99.9')).toBe(1);
    expect(compareVersions('1.0.0-beta.1', '1.0.0')).toBe(-1);
    expect(compareVersions('1.0.0', '1.0.0-beta.1')).toBe(1);
    expect(compareVersions('nightly', '1.0.0')).toBeUndefined();
  });

  it('says whether a version is the tested one, in range, outside it or unknown', () => {
    expect(checkTestedVersion('claude', TESTED_VERSIONS.claude.tested).verdict).toBe('tested');
    expect(checkTestedVersion('claude', '2.1.0').verdict).toBe('in-range');
    expect(checkTestedVersion('gemini', '0.69.9').verdict).toBe('in-range');
    const old = checkTestedVersion('gemini', '0.55.2');
    expect(old.verdict).toBe('outside-range');
    expect(old.message).toContain('older than the tested range 0.6x');
    expect(old.message).toContain(`@google/gemini-cli@${TESTED_VERSIONS.gemini.tested}`);
    expect(checkTestedVersion('codex', '0.170.0').message).toContain('newer than');
    expect(checkTestedVersion('codex', undefined).verdict).toBe('unknown');
    expect(checkTestedVersion('codex', 'codex-cli dev').verdict).toBe('unknown');
  });

  it('matches the pins the test setup installs', async () => {
    const script = new URL('../../scripts/setup/agent-clis.mjs', import.meta.url).href;
    const setup = (await import(script)) as {
      AGENT_CLI_PINS: Record<string, { pkg: string; version: string }>;
    };
    for (const [id, range] of Object.entries(TESTED_VERSIONS)) {
      expect(setup.AGENT_CLI_PINS[id]).toEqual({ pkg: range.npmPackage, version: range.tested });
      expect(compareVersions(range.tested, range.min)).toBeGreaterThanOrEqual(0);
      expect(compareVersions(range.tested, range.below)).toBe(-1);
    }
  });
});
