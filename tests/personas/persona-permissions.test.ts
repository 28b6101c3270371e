// Persona defaults of what sessions may do without asking, and a project's overrides in persona.json.
import { afterEach, describe, expect, it } from 'vitest';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import { overridePolicy, TEST_COMMAND_RULES } from '../../src/personas/persona-permissions.js';
import { getPersona } from '../../src/personas/registry.js';
import { resolveSessionSpec } from '../../src/supervisor/resolve-spec.js';
import { makeProject, type ProjectFixture } from './project-fixture.js';

let project: ProjectFixture | undefined;
afterEach(async () => {
  await project?.remove();
  project = undefined;
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(isTroupeError(error, 'INVALID_PERSONA')).toBe(true);
    return (error as Error).message;
  }
  return expect.unreachable('expected INVALID_PERSONA');
}

describe('persona permissions', () => {
  it('the built-ins: product manager read-only, QA engineer asks with test commands allowed, specialist accepts edits', async () => {
    expect((await getPersona(undefined, 'product-manager')).permissions).toEqual({ mode: 'read-only' });
    expect((await getPersona(undefined, 'qa-engineer')).permissions).toEqual({ mode: 'ask', allow: [...TEST_COMMAND_RULES] });
    expect((await getPersona(undefined, 'specialist')).permissions).toEqual({ mode: 'accept-edits' });
  });

  it('a project overrides a built-in and sets its own persona’s policy; its own persona asks by default', async () => {
    project = await makeProject();
    await project.write('qa-engineer/persona.json', JSON.stringify({ permissions: { mode: 'accept-edits', allow: ['Bash(make check)'], deny: ['Bash(git push:*)'] } }));
    await project.write('writer/persona.json', JSON.stringify({ displayName: 'Writer' }));
    await project.write('writer/chat.md', '{{prompt}}');
    expect((await getPersona(project.root, 'qa-engineer')).permissions).toEqual({ mode: 'accept-edits', allow: ['Bash(make check)'], deny: ['Bash(git push:*)'] });
    expect((await getPersona(project.root, 'writer')).permissions).toEqual({ mode: 'ask' });
    // Restyling a built-in without a policy keeps the built-in's.
    await project.write('specialist/persona.json', JSON.stringify({ icon: '🦀' }));
    expect((await getPersona(project.root, 'specialist')).permissions).toEqual({ mode: 'accept-edits' });
  });

  it('a project file can never ask for bypass, an unknown mode, a bad rule or an unknown field', async () => {
    project = await makeProject();
    const write = (permissions: unknown) => project!.write('specialist/persona.json', JSON.stringify({ permissions }));
    await write({ mode: 'bypass' });
    expect(await refusal(getPersona(project.root, 'specialist'))).toMatch(/permissions\.mode: bypass is only for an explicit --permissions bypass/);
    await write({ mode: 'yolo' });
    expect(await refusal(getPersona(project.root, 'specialist'))).toMatch(/permissions\.mode: one of ask, accept-edits, read-only/);
    await write({ mode: 'ask', allow: ['Bash(npm test'] });
    expect(await refusal(getPersona(project.root, 'specialist'))).toMatch(/permissions\.allow\.0: a rule with "\(" ends with "\)"/);
    await write({ mode: 'ask', deny: [42] });
    expect(await refusal(getPersona(project.root, 'specialist'))).toMatch(/permissions\.deny\.0/);
    await write({ mode: 'ask', env: { PATH: '/tmp' } });
    expect(await refusal(getPersona(project.root, 'specialist'))).toMatch(/permissions: Unrecognized key/i);
  });

  it('a session starts with the persona policy; the command line’s mode replaces it and keeps its rules', async () => {
    project = await makeProject();
    const defaults = { projectRoot: project.root, shutdownMs: 1000, inactivityTimeoutMs: 1000, childRegistryDir: project.root };
    const qa = await resolveSessionSpec({ backend: 'sim', persona: 'qa-engineer', prompt: 'x' }, 's1', 0, defaults);
    expect(qa.permissions).toEqual({ mode: 'ask', allow: [...TEST_COMMAND_RULES] });
    const bypass = await resolveSessionSpec({ backend: 'sim', persona: 'qa-engineer', prompt: 'x', permissions: { mode: 'bypass' } }, 's2', 0, defaults);
    expect(bypass.permissions).toEqual({ mode: 'bypass', allow: [...TEST_COMMAND_RULES] });
    expect(() => overridePolicy({ mode: 'ask' }, { mode: 'ask', deny: ['nope nope'] }, '--deny')).toThrow(/--deny deny: rule 1/);
  });

  it('a sim session runs a process per turn unless it asks to be long-lived', async () => {
    project = await makeProject();
    const defaults = { projectRoot: project.root, shutdownMs: 1000, inactivityTimeoutMs: 1000, childRegistryDir: project.root };
    expect((await resolveSessionSpec({ backend: 'sim', persona: 'specialist', prompt: 'x' }, 's3', 0, defaults)).longLived).toBe(false);
    expect((await resolveSessionSpec({ backend: 'sim', persona: 'specialist', prompt: 'x', longLived: true }, 's4', 0, defaults)).longLived).toBe(true);
  });
});
