import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeBackend } from '../../src/backends/claude.js';
import { codexBackend } from '../../src/backends/codex.js';
import { detectCli, parseVersion, runVersion } from '../../src/backends/detect-cli.js';
import { geminiBackend } from '../../src/backends/gemini.js';
import { locateBinary } from '../../src/backends/locate-binary.js';
import { detectBackends } from '../../src/backends/registry.js';

let root: string;
let bin: string;
let otherBin: string;

async function script(dir: string, name: string, body: string, mode = 0o755): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, mode);
  return path;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'troupe-backends-'));
  bin = join(root, 'bin');
  otherBin = join(root, 'other-bin');
  await mkdir(bin);
  await mkdir(otherBin);
  await script(bin, 'claude', 'echo "2.1.329 (Claude Code)"');
  await script(bin, 'gemini', 'echo "0.61.0"');
  await script(bin, 'codex', 'echo "codex-cli 0.169.0"');
  await script(bin, 'broken', 'echo "config file is corrupt" >&2; exit 3');
  await script(bin, 'slow', 'exec sleep 30');
  await script(bin, 'plain', 'echo "nightly build"');
  // Not executable, and a folder: both must be passed over.
  await script(otherBin, 'claude', 'echo 9.9.9', 0o644);
  await mkdir(join(otherBin, 'gemini'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('locateBinary', () => {
  it('finds an executable in a PATH folder and returns its absolute path', async () => {
    expect(await locateBinary('claude', { PATH: bin })).toBe(join(bin, 'claude'));
  });

  it('skips non-executable files and folders of the same name', async () => {
    expect(await locateBinary('claude', { PATH: [otherBin, bin].join(delimiter) })).toBe(join(bin, 'claude'));
    expect(await locateBinary('gemini', { PATH: [otherBin, bin].join(delimiter) })).toBe(join(bin, 'gemini'));
    expect(await locateBinary('claude', { PATH: otherBin })).toBeNull();
  });

  it('returns null on an empty or missing PATH, and for unknown names', async () => {
    expect(await locateBinary('claude', { PATH: '' })).toBeNull();
    expect(await locateBinary('claude', {})).toBeNull();
    expect(await locateBinary('no-such-cli', { PATH: bin })).toBeNull();
    expect(await locateBinary('', { PATH: bin })).toBeNull();
  });

  it('ignores relative PATH entries and checks a path with a slash as is', async () => {
    expect(await locateBinary('claude', { PATH: `.${delimiter}relative/bin` })).toBeNull();
    expect(await locateBinary(join(bin, 'codex'), { PATH: '' })).toBe(join(bin, 'codex'));
    expect(await locateBinary(join(otherBin, 'claude'), { PATH: '' })).toBeNull();
  });

  it('each backend locates its own binary', async () => {
    expect(await claudeBackend.locate({ PATH: bin })).toBe(join(bin, 'claude'));
    expect(await geminiBackend.locate({ PATH: bin })).toBe(join(bin, 'gemini'));
    expect(await codexBackend.locate({ PATH: bin })).toBe(join(bin, 'codex'));
  });
});

describe('detect', () => {
  it('reports path and version from `--version`', async () => {
    const env = { PATH: bin };
    expect(await claudeBackend.detect(env)).toEqual({
      id: 'claude',
      installed: true,
      path: join(bin, 'claude'),
      version: '2.1.329',
    });
    expect(await geminiBackend.detect(env)).toMatchObject({ installed: true, version: '0.61.0' });
    expect(await codexBackend.detect(env)).toMatchObject({ installed: true, version: '0.169.0' });
  });

  it('missing: a clear error holding the install hint', async () => {
    expect(await claudeBackend.detect({ PATH: '' })).toEqual({
      id: 'claude',
      installed: false,
      error: 'claude not found on PATH. Install it: npm install -g @anthropic-ai/claude-code',
    });
    expect((await geminiBackend.detect({ PATH: '' })).error).toContain('npm install -g @google/gemini-cli');
    expect((await codexBackend.detect({ PATH: '' })).error).toContain('npm install -g @openai/codex');
  });

  it('a binary whose --version fails is installed, with the reason', async () => {
    const status = await detectCli({ id: 'claude', binary: 'broken', installHint: 'x' }, { PATH: bin });
    expect(status).toEqual({
      id: 'claude',
      installed: true,
      path: join(bin, 'broken'),
      error: 'broken --version failed: config file is corrupt',
    });
  });

  it('a --version that does not answer in time is killed and reported', async () => {
    await expect(runVersion(join(bin, 'slow'), { PATH: process.env.PATH }, 300)).rejects.toThrow('no answer within 300 ms');
  });

  it('detectBackends with a throwaway PATH finds the fake CLIs', async () => {
    const statuses = await detectBackends({ PATH: bin });
    expect(statuses.filter((s) => s.id !== 'sim').map((s) => [s.id, s.installed, s.version])).toEqual([
      ['claude', true, '2.1.329'],
      ['gemini', true, '0.61.0'],
      ['codex', true, '0.169.0'],
    ]);
  });
});

describe('parseVersion', () => {
  it('takes the semver out of the usual outputs, else the first line', async () => {
    expect(parseVersion('2.1.329 (Claude Code)\n')).toBe('2.1.329');
    expect(parseVersion('codex-cli 0.169.0')).toBe('0.169.0');
    expect(parseVersion('v1.2.3-beta.4')).toBe('1.2.3-beta.4');
    expect(parseVersion('\n  nightly build \n')).toBe('nightly build');
    expect(parseVersion('')).toBeUndefined();
    expect((await detectCli({ id: 'codex', binary: 'plain', installHint: 'x' }, { PATH: bin })).version).toBe(
      'nightly build',
    );
  });
});
