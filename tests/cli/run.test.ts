import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { simEnv } from '../helpers/sim-env.js';
import { troupe } from '../helpers/troupe-cli.js';

let project: TempProject;
afterEach(async () => project?.cleanup());

function env(knobs: Parameters<typeof simEnv>[1] = {}): Record<string, string> {
  return { ...simEnv(project.simStateDir, { chunks: 4, ...knobs }), TROUPE_STATE_DIR: join(project.root, 'state') };
}

describe('troupe run', () => {
  it('streams the answer of a simulated QA engineer and exits 0', async () => {
    project = await tempProject();
    const result = await troupe(['run', '--backend', 'sim', '--persona', 'qa-engineer', '--project', project.root, 'hello'], env({ tools: 1 }));
    // troupe's own session id comes first, so `troupe resume` needs no lookup; nothing else on stderr.
    expect(result.stderr).toMatch(/^troupe: session [0-9a-f-]{36} \(continue it with: troupe resume [0-9a-f]{8} "<message>"\)$/);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().length).toBeGreaterThan(20);
    expect(result.stdout).toMatch(/⚙ \w+\(/); // a tool call, shown compactly
  });

  it('runs each -m as another turn of the same conversation', async () => {
    project = await tempProject();
    const result = await troupe(['run', '--json', '--project', project.root, 'first', '-m', 'second', '-m', 'third'], env());
    expect(result.exitCode).toBe(0);
    const [first, ...lines] = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; sessionId?: string; turn?: number; chunk?: { kind: string; cliSessionId?: string; ok?: boolean } });
    expect(first).toMatchObject({ type: 'session', sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const chunks = lines.filter((line) => line.type === 'chunk');
    expect(new Set(chunks.map((c) => c.turn))).toEqual(new Set([1, 2, 3]));
    const ids = new Set(chunks.filter((c) => c.chunk?.kind === 'session').map((c) => c.chunk?.cliSessionId));
    expect(ids.size).toBe(1);
    expect(chunks.filter((c) => c.chunk?.kind === 'done' && c.chunk.ok)).toHaveLength(3);
    expect(lines.filter((line) => line.type === 'user').map((line) => (line as { text?: string }).text?.slice(-6))).toEqual([expect.any(String), 'second', 'third']);
    expect(lines.filter((line) => line.type === 'turn-done')).toHaveLength(3);
  });

  it('exits non-zero with a one-line reason when the turn fails', async () => {
    project = await tempProject();
    const result = await troupe(['run', '--project', project.root, 'fail please'], env({ fail: true }));
    expect(result.exitCode).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^troupe: turn 1 failed: /);
    // Said once: the session line, then the reason.
    expect(lines).toHaveLength(2);
  });

  it('echoes each follow-up where its turn begins', async () => {
    project = await tempProject();
    const result = await troupe(['run', '--project', project.root, 'first', '-m', 'the second ask'], env());
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/\n── turn 2 ── the second ask\n/);
  });

  it('prints one line per restart when the agent crashes', async () => {
    project = await tempProject();
    const result = await troupe(['run', '--project', project.root, '--min-backoff-ms', '10', 'x'], env({ crashAfter: 2, crashTimes: 1 }));
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/^troupe: agent crashed \(exited with code 1 before the end of the turn\), restarting in \d+ ms, attempt 1\/5$/m);
  });

  it('refuses an empty prompt or message', async () => {
    project = await tempProject();
    const empty = await troupe(['run', '--project', project.root, '  '], env());
    expect(empty.exitCode).toBe(1);
    expect(empty.stderr).toBe('troupe: the prompt is empty: say what the agent should do');
    const emptyMessage = await troupe(['run', '--project', project.root, 'x', '-m', ''], env());
    expect(emptyMessage.exitCode).toBe(1);
    expect(emptyMessage.stderr).toMatch(/message 1 is empty/);
  });

  it('warns in one line about a bead the project does not have, and runs without its context', async () => {
    project = await tempProject();
    const bead = { id: 'shop-1', title: 'Checkout', status: 'open', priority: 1, issue_type: 'task', created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z' };
    await writeFile(join(project.root, '.beads', 'issues.jsonl'), `${JSON.stringify(bead)}\n`);
    const unknown = await troupe(['run', '--project', project.root, '--bead', 'nope-99', 'hi'], env());
    expect(unknown.exitCode).toBe(0);
    const lines = unknown.stderr.split('\n');
    expect(lines[0]).toBe(`troupe: bead "nope-99" is not in the project's beads: the session runs without bead context`);
    expect(lines).toHaveLength(2); // the warning, then the session line
    const known = await troupe(['run', '--project', project.root, '--bead', 'shop-1', 'hi'], env());
    expect(known.exitCode).toBe(0);
    expect(known.stderr).not.toMatch(/bead context/);
  }, 90_000);

  it('refuses an unknown backend and persona with the valid ones listed', async () => {
    project = await tempProject();
    const backend = await troupe(['run', '--backend', 'gpt', '--project', project.root, 'x'], env());
    expect(backend.exitCode).toBe(1);
    expect(backend.stderr).toMatch(/unknown backend.*claude, gemini, codex, sim/i);
    const persona = await troupe(['run', '--persona', 'wizard', '--project', project.root, 'x'], env());
    expect(persona.exitCode).toBe(1);
    expect(persona.stderr).toMatch(/product-manager, qa-engineer, specialist/);
  });
});

describe('troupe run and the project folder', () => {
  it('leaves git status clean: the .bp6 folder it creates ignores itself', async () => {
    project = await tempProject();
    const git = (...args: string[]) => execa('git', args, { cwd: project.root });
    await git('init', '-q');
    await writeFile(join(project.root, 'README.md'), 'a project\n');
    await writeFile(join(project.root, '.gitignore'), '.beads/\n.sim-state/\nstate/\n'); // the test's own fixtures
    await git('add', '.');
    await git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
    const result = await troupe(['run', '--project', project.root, 'hello'], env());
    expect(result.exitCode).toBe(0);
    expect((await stat(join(project.root, '.bp6', 'sessions'))).isDirectory()).toBe(true);
    expect((await git('status', '--porcelain', '--untracked-files=all')).stdout).toBe('');
  }, 90_000);

  it('fails the session with the reason when the log folder is a symlink out of the project, and writes nothing there', async () => {
    project = await tempProject();
    const outside = await mkdtemp(join(tmpdir(), 'troupe-outside-'));
    try {
      await mkdir(join(project.root, '.bp6', 'sessions'), { recursive: true });
      await symlink(outside, join(project.root, '.bp6', 'sessions', 'untracked'));
      const result = await troupe(['run', '--project', project.root, 'hello'], env());
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toContain(`troupe: session failed: session log failed: cannot create session log ${join(project.root, '.bp6', 'sessions', 'untracked')}`);
      expect(result.stderr.match(/cannot create session log/g)).toHaveLength(1);
      expect(result.stderr).toContain(`leads to ${outside}, outside ${project.root}`);
      expect(await readdir(outside)).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  }, 90_000);

  it('lists and resumes a session whose bead folder is a symlink inside the project', async () => {
    project = await tempProject();
    await mkdir(join(project.root, 'kept-logs'));
    await mkdir(join(project.root, '.bp6', 'sessions'), { recursive: true });
    await symlink(join(project.root, 'kept-logs'), join(project.root, '.bp6', 'sessions', 'untracked'));
    const first = await troupe(['run', '--json', '--project', project.root, 'hello'], env());
    expect(first.exitCode).toBe(0);
    const listed = await troupe(['sessions', '--all', '--json', '--project', project.root], env());
    const sessions = JSON.parse(listed.stdout) as { id: string }[];
    expect(sessions).toHaveLength(1);
    const resumed = await troupe(['resume', '--project', project.root, sessions[0]!.id, 'again'], env());
    expect(resumed.stderr).toBe('');
    expect(resumed.exitCode).toBe(0);
    expect(await readdir(join(project.root, 'kept-logs'))).toHaveLength(1); // the resume appended to the same log
  }, 90_000); // three troupe processes: generous for a loaded machine
});
