/**
 * A project's persona files are data from a repository: regular files inside the project only.
 * Real files, symlinks and a FIFO; the last test goes through the real `troupe` binary.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTroupeError } from '../../src/errors/troupe-error.js';
import { buildPrompt } from '../../src/personas/build-prompt.js';
import { getPersona } from '../../src/personas/registry.js';
import { simEnv } from '../helpers/sim-env.js';
import { troupe } from '../helpers/troupe-cli.js';
import { makeProject, type ProjectFixture } from './project-fixture.js';

const SECRET = 'ssh-private-key-0xDEADBEEF';
let project: ProjectFixture;
let outside: string;
beforeEach(async () => {
  project = await makeProject();
  outside = await mkdtemp(join(tmpdir(), 'troupe-outside-'));
  await writeFile(join(outside, 'secret.txt'), `${SECRET}\n`);
});
afterEach(async () => {
  await project.remove();
  await rm(outside, { recursive: true, force: true });
});

const personas = (...parts: string[]) => join(project.root, '.bp6', 'personas', ...parts);

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => expect.unreachable('expected a refusal'),
    (caught: unknown) => caught as Error,
  );
  expect(isTroupeError(error, 'INVALID_PERSONA'), String(error)).toBe(true);
  expect(error.message).not.toContain(SECRET);
  return error;
}

const chat = () => buildPrompt({ projectRoot: project.root, persona: 'specialist', task: 'chat', userPrompt: 'hi' });

describe('project persona files', () => {
  it('refuses a template that is a symlink to a file outside the project, naming the file', async () => {
    await mkdir(personas('specialist'), { recursive: true });
    await symlink(join(outside, 'secret.txt'), personas('specialist', 'chat.md'));
    const error = await refusal(chat());
    expect(error.message).toBe(`${personas('specialist', 'chat.md')} is a symbolic link; persona files must be regular files inside the project`);
  });

  it('refuses a symlink even to a file inside the project', async () => {
    await project.write('specialist/real.md', 'inside');
    await symlink(personas('specialist', 'real.md'), personas('specialist', 'chat.md'));
    await refusal(chat());
  });

  it('refuses a persona.json that is a symlink', async () => {
    await writeFile(join(outside, 'persona.json'), JSON.stringify({ displayName: SECRET }));
    await project.write('doc-writer/chat.md', 'x');
    await symlink(join(outside, 'persona.json'), personas('doc-writer', 'persona.json'));
    const error = await refusal(getPersona(project.root, 'doc-writer'));
    expect(error.message).toContain(personas('doc-writer', 'persona.json'));
  });

  it('refuses files in a persona folder (or a .bp6) that leads out of the project', async () => {
    await mkdir(join(outside, 'doc-writer'));
    await writeFile(join(outside, 'doc-writer', 'persona.json'), JSON.stringify({ displayName: SECRET }));
    await writeFile(join(outside, 'doc-writer', 'chat.md'), SECRET);
    await mkdir(personas(), { recursive: true });
    await symlink(join(outside, 'doc-writer'), personas('doc-writer'));
    const error = await refusal(getPersona(project.root, 'doc-writer'));
    expect(error.message).toContain(`leads to ${join(outside, 'doc-writer', 'persona.json')}, outside the project`);

    const other = await makeProject();
    try {
      await mkdir(join(outside, 'personas', 'specialist'), { recursive: true });
      await writeFile(join(outside, 'personas', 'specialist', 'chat.md'), SECRET);
      await symlink(outside, join(other.root, '.bp6'));
      await refusal(buildPrompt({ projectRoot: other.root, persona: 'specialist', task: 'chat' }));
    } finally {
      await other.remove();
    }
  });

  it('refuses a FIFO or a folder where a template should be, without blocking', async () => {
    await mkdir(personas('specialist'), { recursive: true });
    const fifo = personas('specialist', 'chat.md');
    execFileSync('mkfifo', [fifo]);
    let unblock: NodeJS.Timeout | undefined;
    try {
      // Should a reader block on the FIFO, a writer opened later lets it go, so the test fails instead of hanging.
      unblock = setTimeout(() => void open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).then((h) => h.close(), () => undefined), 10_000);
      expect((await refusal(chat())).message).toContain(`${fifo} is not a regular file`);
    } finally {
      clearTimeout(unblock);
    }
    await rm(fifo);
    await mkdir(fifo);
    expect((await refusal(chat())).message).toContain(`${fifo} is not a regular file`);
  });

  it('still reads a plain template of the project', async () => {
    const path = await project.write('specialist/chat.md', 'ACME: {{prompt}}');
    expect(await chat()).toMatchObject({ prompt: 'ACME: hi', templatePath: path });
  });

  it('troupe run refuses the symlinked template: the secret reaches neither the agent, the terminal nor the log', async () => {
    await mkdir(join(project.root, '.beads'));
    await mkdir(personas('specialist'), { recursive: true });
    await symlink(join(outside, 'secret.txt'), personas('specialist', 'chat.md'));
    const stateDir = join(project.root, '.sim-state');
    const result = await troupe(['run', '--json', '--project', project.root, '--task', 'chat', 'hello'], {
      ...simEnv(stateDir, { chunks: 1 }),
      TROUPE_STATE_DIR: join(project.root, 'state'),
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`${personas('specialist', 'chat.md')} is a symbolic link`);
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET);
    // No session started: no log, and the sim agent stored no conversation holding the prompt.
    const logs = await readdir(join(project.root, '.bp6', 'sessions')).catch(() => []);
    expect(logs).toEqual([]);
    const stored = await readdir(stateDir).catch(() => [] as string[]);
    for (const name of stored) expect(await readFile(join(stateDir, name), 'utf8')).not.toContain(SECRET);
  }, 60_000);
});
