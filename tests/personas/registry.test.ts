import { afterEach, describe, expect, it } from 'vitest';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import { getPersona, listPersonas } from '../../src/personas/registry.js';
import { PERSONA_ICONS, PERSONA_IDS, TASK_KINDS } from '../../src/protocol/ids.js';
import { makeProject, type ProjectFixture } from './project-fixture.js';

let project: ProjectFixture | undefined;
afterEach(async () => {
  await project?.remove();
  project = undefined;
});

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('persona registry', () => {
  it('lists the three built-ins with their icons and every task', async () => {
    const personas = await listPersonas();
    expect(personas.map((persona) => persona.id)).toEqual([...PERSONA_IDS]);
    for (const persona of personas) {
      expect(persona.icon).toBe(PERSONA_ICONS[persona.id]);
      expect(persona.tasks).toEqual([...TASK_KINDS]);
      expect(persona.tasks).toContain(persona.defaultTask);
      expect(persona.displayName.length).toBeGreaterThan(0);
      expect(persona.description.length).toBeGreaterThan(0);
      expect(persona.source).toBe('built-in');
    }
    expect(personas.map((persona) => persona.icon)).toEqual(['📋', '🧪', '⚡']);
  });

  it('a project without .bp6/personas has just the built-ins', async () => {
    project = await makeProject();
    expect((await listPersonas(project.root)).map((persona) => persona.id)).toEqual([...PERSONA_IDS]);
  });

  it('an unknown persona is an UNKNOWN_PERSONA error listing the valid ids', async () => {
    const error = await errorOf(getPersona(undefined, 'designer'));
    expect(isTroupeError(error, 'UNKNOWN_PERSONA')).toBe(true);
    expect((error as Error).message).toBe(
      'unknown persona "designer"; valid: product-manager, qa-engineer, specialist',
    );
  });

  it('refuses ids that are not a plain path segment', async () => {
    project = await makeProject();
    await project.write('evil/persona.json', JSON.stringify({ displayName: 'Evil' }));
    await project.write('evil/chat.md', 'evil');
    const hostile = ['../evil', '..', '.', 'a/b', 'a\\b', '/etc', '', 'Specialist', 'x\u0000y', 'é', 'a'.repeat(65), ' specialist'];
    for (const id of hostile) {
      const error = await errorOf(getPersona(project.root, id));
      expect(isTroupeError(error, 'UNKNOWN_PERSONA'), id).toBe(true);
      expect((error as Error).message).toContain('invalid persona id');
      expect((error as Error).message).toContain('valid: product-manager, qa-engineer, specialist, evil');
    }
  });

  it('includes a persona the project adds, after the built-ins', async () => {
    project = await makeProject();
    await project.write(
      'security-reviewer/persona.json',
      JSON.stringify({ displayName: 'Security reviewer', icon: '🛡️', description: 'Looks for holes.', defaultTask: 'verify' }),
    );
    await project.write('security-reviewer/verify.md', 'Review {{bead}}');
    await project.write('security-reviewer/chat.md', 'Chat {{prompt}}');
    await project.write('security-reviewer/implement.bug.md', 'variant only: not a task on its own');

    const personas = await listPersonas(project.root);
    expect(personas.map((persona) => persona.id)).toEqual([...PERSONA_IDS, 'security-reviewer']);
    expect(await getPersona(project.root, 'security-reviewer')).toEqual({
      id: 'security-reviewer',
      icon: '🛡️',
      displayName: 'Security reviewer',
      description: 'Looks for holes.',
      defaultTask: 'verify',
      tasks: ['chat', 'verify'],
      source: 'project',
      permissions: { mode: 'ask' },
    });
    const error = await errorOf(getPersona(project.root, 'nobody'));
    expect((error as Error).message).toBe(
      'unknown persona "nobody"; valid: product-manager, qa-engineer, specialist, security-reviewer',
    );
  });

  it('a project persona.json restyles a built-in without losing its tasks', async () => {
    project = await makeProject();
    await project.write('specialist/persona.json', JSON.stringify({ displayName: 'Rust expert', icon: '🦀' }));
    const persona = await getPersona(project.root, 'specialist');
    expect(persona).toMatchObject({ id: 'specialist', displayName: 'Rust expert', icon: '🦀', defaultTask: 'implement' });
    expect(persona.tasks).toEqual([...TASK_KINDS]);
    expect((await listPersonas(project.root))[2]?.displayName).toBe('Rust expert');
  });

  it('a broken project persona is left out of the list, and getPersona says why', async () => {
    project = await makeProject();
    await project.write('broken/persona.json', '{ "displayName": ');
    await project.write('broken/chat.md', 'x');
    await project.write('bad-task/persona.json', JSON.stringify({ displayName: 'B', defaultTask: 'deploy' }));
    await project.write('bad-task/chat.md', 'x');
    await project.write('no-templates/persona.json', JSON.stringify({ displayName: 'N' }));
    await project.write('no-manifest/chat.md', 'x');
    await project.write('wrong-default/persona.json', JSON.stringify({ displayName: 'W', defaultTask: 'verify' }));
    await project.write('wrong-default/chat.md', 'x');
    await project.write('Not_Safe/persona.json', JSON.stringify({ displayName: 'S' }));

    expect((await listPersonas(project.root)).map((persona) => persona.id)).toEqual([...PERSONA_IDS]);
    const cases: Array<[string, string]> = [
      ['broken', 'is not valid JSON'],
      ['bad-task', 'defaultTask'],
      ['no-templates', 'has no template'],
      ['no-manifest', 'has no persona.json'],
      ['wrong-default', 'defaultTask "verify" has no verify.md'],
    ];
    for (const [id, expected] of cases) {
      const error = await errorOf(getPersona(project.root, id));
      expect(isTroupeError(error, 'INVALID_PERSONA'), id).toBe(true);
      expect((error as Error).message).toContain(expected);
    }
  });

  it('returns copies: callers cannot change the registry', async () => {
    const persona = await getPersona(undefined, 'qa-engineer');
    persona.tasks.pop();
    persona.displayName = 'changed';
    expect(await getPersona(undefined, 'qa-engineer')).toMatchObject({ displayName: 'QA engineer', tasks: [...TASK_KINDS] });
  });
});
