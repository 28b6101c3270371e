import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import { buildPrompt } from '../../src/personas/build-prompt.js';
import { BUILTIN_PERSONAS_DIR } from '../../src/personas/locations.js';
import { PERSONA_IDS, TASK_KINDS } from '../../src/protocol/ids.js';
import { makeProject, type ProjectFixture } from './project-fixture.js';

let project: ProjectFixture | undefined;
afterEach(async () => {
  await project?.remove();
  project = undefined;
});

const BEAD = {
  beadId: 'bp6-643.001',
  beadTitle: 'Backend Multi-Session Management',
  beadContext: 'Bead bp6-643.001: Backend Multi-Session Management\nType: feature\nParents: bp6-643 Concurrent Multi-Agent Session Management',
};

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error as Error,
  );
}

describe('buildPrompt with the built-in templates', () => {
  it('renders every persona x task with the bead and the user words, and no placeholder left', async () => {
    for (const persona of PERSONA_IDS) {
      for (const task of TASK_KINDS) {
        const built = await buildPrompt({ persona, task, userPrompt: 'Mind the logging.', ...BEAD });
        expect(built).toMatchObject({ persona, task });
        expect(built.templatePath).toBe(join(BUILTIN_PERSONAS_DIR, persona, `${task}.md`));
        expect(built.prompt).toContain(BEAD.beadContext);
        expect(built.prompt).toContain('Mind the logging.');
        expect(built.prompt, `${persona}/${task}`).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it('names the persona and the project, and gives the bead id for bd commands', async () => {
    const built = await buildPrompt({ projectRoot: '/srv/acme-shop', persona: 'specialist', task: 'implement', ...BEAD });
    expect(built.prompt).toMatch(/^You are the Specialist of acme-shop,/);
    expect(built.prompt).toContain('`bd update bp6-643.001 --status in_progress`');
  });

  it('uses the persona default task on a bead, and chat without one', async () => {
    expect((await buildPrompt({ persona: 'product-manager', ...BEAD })).task).toBe('decompose');
    expect((await buildPrompt({ persona: 'qa-engineer', ...BEAD })).task).toBe('verify');
    expect((await buildPrompt({ persona: 'specialist', beadId: 'x-1' })).task).toBe('implement');
    const chat = await buildPrompt({ persona: 'specialist', userPrompt: 'How is the session table locked?' });
    expect(chat.task).toBe('chat');
    expect(chat.prompt).toContain('No bead is attached to this session.');
    expect(chat.prompt).toContain('How is the session table locked?');
  });

  it('stands in for a missing bead context with the id and title', async () => {
    const built = await buildPrompt({ persona: 'qa-engineer', task: 'verify', beadId: 'bp6-9', beadTitle: 'Fix login' });
    expect(built.prompt).toContain('Bead bp6-9: Fix login\nRun `bd show bp6-9`');
  });

  it('chooses the bead-type variant before the plain template', async () => {
    const bug = await buildPrompt({ persona: 'specialist', task: 'implement', beadType: 'bug', ...BEAD });
    expect(bug.templatePath).toBe(join(BUILTIN_PERSONAS_DIR, 'specialist', 'implement.bug.md'));
    expect(bug.prompt).toContain('fix the bug');
    const upper = await buildPrompt({ persona: 'specialist', task: 'implement', beadType: ' Bug ', ...BEAD });
    expect(upper.templatePath).toBe(bug.templatePath);
    expect((await buildPrompt({ persona: 'product-manager', beadType: 'epic', ...BEAD })).templatePath).toBe(
      join(BUILTIN_PERSONAS_DIR, 'product-manager', 'decompose.epic.md'),
    );
    // No variant for this type, or a type that is not a safe file name: the plain template.
    for (const beadType of ['feature', 'spike', '../bug', 'bug/../../x', '']) {
      const plain = await buildPrompt({ persona: 'specialist', task: 'implement', beadType, ...BEAD });
      expect(plain.templatePath, beadType).toBe(join(BUILTIN_PERSONAS_DIR, 'specialist', 'implement.md'));
    }
  });

  it('an unknown task is an UNKNOWN_TASK error listing the valid ones', async () => {
    const error = await errorOf(buildPrompt({ persona: 'specialist', task: 'deploy', ...BEAD }));
    expect(isTroupeError(error, 'UNKNOWN_TASK')).toBe(true);
    expect(error.message).toBe('unknown task "deploy" for persona "specialist"; valid: chat, implement, decompose, verify');
  });

  it('an unknown persona fails before any template is read', async () => {
    const error = await errorOf(buildPrompt({ persona: '../../etc/passwd', task: 'chat' }));
    expect(isTroupeError(error, 'UNKNOWN_PERSONA')).toBe(true);
    expect(error.message).toContain('valid: product-manager, qa-engineer, specialist');
  });
});

describe('buildPrompt with project templates', () => {
  it('a project template overrides the built-in, for the plain task and for a variant', async () => {
    project = await makeProject();
    const plain = await project.write('specialist/implement.md', 'ACME {{persona}} implements {{bead.id}}: {{prompt}}');
    const built = await buildPrompt({ projectRoot: project.root, persona: 'specialist', task: 'implement', userPrompt: 'go', ...BEAD });
    expect(built).toEqual({ prompt: 'ACME Specialist implements bp6-643.001: go', persona: 'specialist', task: 'implement', templatePath: plain, permissions: { mode: 'accept-edits' } });

    // The project's plain template wins over the built-in bug variant...
    const bug = await buildPrompt({ projectRoot: project.root, persona: 'specialist', task: 'implement', beadType: 'bug', ...BEAD });
    expect(bug.templatePath).toBe(plain);
    // ...and the project's own variant wins over its plain one.
    const variant = await project.write('specialist/implement.bug.md', 'ACME bug {{bead.title}}');
    const bug2 = await buildPrompt({ projectRoot: project.root, persona: 'specialist', task: 'implement', beadType: 'bug', ...BEAD });
    expect(bug2).toMatchObject({ templatePath: variant, prompt: 'ACME bug Backend Multi-Session Management' });

    // Tasks the project does not override still come from the package.
    const verify = await buildPrompt({ projectRoot: project.root, persona: 'specialist', task: 'verify', ...BEAD });
    expect(verify.templatePath).toBe(join(BUILTIN_PERSONAS_DIR, 'specialist', 'verify.md'));
  });

  it('renders a persona the project adds, and refuses its missing tasks', async () => {
    project = await makeProject();
    await project.write('doc-writer/persona.json', JSON.stringify({ displayName: 'Doc writer', icon: '📝', defaultTask: 'implement' }));
    const path = await project.write('doc-writer/implement.md', '\uFEFF{{persona}} on {{project}} ({{task}}):\n{{bead}}\n\n{{prompt}}\n');
    const built = await buildPrompt({ projectRoot: project.root, persona: 'doc-writer', userPrompt: 'Document the API.', ...BEAD });
    expect(built).toEqual({
      prompt: `Doc writer on ${project.root.split('/').pop()} (implement):\n${BEAD.beadContext}\n\nDocument the API.`,
      persona: 'doc-writer',
      task: 'implement',
      templatePath: path,
      permissions: { mode: 'ask' },
    });
    // Without a bead and without a chat template, the default task is used.
    expect((await buildPrompt({ projectRoot: project.root, persona: 'doc-writer' })).task).toBe('implement');

    const error = await errorOf(buildPrompt({ projectRoot: project.root, persona: 'doc-writer', task: 'verify' }));
    expect(isTroupeError(error, 'UNKNOWN_TASK')).toBe(true);
    expect(error.message).toBe('no task "verify" for persona "doc-writer"; valid: implement');
  });

  it('never drops the user words or the bead when a template leaves out their placeholders', async () => {
    project = await makeProject();
    await project.write('qa-engineer/chat.md', 'Be terse.\n');
    const built = await buildPrompt({ projectRoot: project.root, persona: 'qa-engineer', task: 'chat', userPrompt: 'Is it flaky?', ...BEAD });
    expect(built.prompt).toBe(`Be terse.\n\n${BEAD.beadContext}\n\nIs it flaky?`);
    const alone = await buildPrompt({ projectRoot: project.root, persona: 'qa-engineer', task: 'chat' });
    expect(alone.prompt).toBe('Be terse.');
  });

  it('reports a template it cannot read instead of skipping it', async () => {
    project = await makeProject();
    await project.write('specialist/chat.md', 'x'.repeat(300 * 1024));
    const error = await errorOf(buildPrompt({ projectRoot: project.root, persona: 'specialist', task: 'chat' }));
    expect(isTroupeError(error, 'INVALID_PERSONA')).toBe(true);
    expect(error.message).toContain('the limit is');
  });
});
