/**
 * `troupe run` answering an agent's permission requests: asked inline on a pseudo-terminal (run
 * under Debian's `script`), answered by `--answer` without one, printed as JSON lines with `--json`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { parseReply } from '../../src/cli/permission-prompter.js';
import type { PermissionRequest } from '../../src/protocol/permissions.js';
import { tempProject, type TempProject } from '../helpers/temp-project.js';
import { simEnv } from '../helpers/sim-env.js';
import { TROUPE_BIN, troupe } from '../helpers/troupe-cli.js';

let project: TempProject;
afterEach(async () => project?.cleanup());

function env(): Record<string, string> {
  return { ...simEnv(project.simStateDir, { chunks: 2, tools: 0, permissionRequests: 2 }), TROUPE_STATE_DIR: join(project.root, 'state') };
}

const RUN = ['run', '--backend', 'sim', '--long-lived', '--permissions', 'ask'];

async function resolutions(stdoutOrLog: string): Promise<string[]> {
  return stdoutOrLog
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; decision?: string; by?: string })
    .filter((e) => e.type === 'permission-resolved')
    .map((e) => `${e.decision}:${e.by}`);
}

describe('troupe run and permission requests', { timeout: 120_000 }, () => {
  it('on a terminal, asks each request inline and answers y and n', async () => {
    project = await tempProject();
    const command = [process.execPath, TROUPE_BIN, ...RUN, '--project', project.root, 'ship it'].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
    // script(1) gives troupe a pseudo-terminal: stdin, stdout and stderr are a TTY.
    const child = execa('script', ['-qfec', command, '/dev/null'], { env: env(), reject: false, timeout: 60_000, stdin: 'pipe' });
    let screen = '';
    const answered = new Set<string>();
    child.stdout?.on('data', (data: Buffer) => {
      screen += data.toString('utf8');
      for (const [prompt, reply] of [['Allow Bash: npm test', 'y'], ['Allow Edit: ', 'n']] as const) {
        if (screen.includes(prompt) && !answered.has(prompt)) {
          answered.add(prompt);
          child.stdin?.write(`${reply}\n`);
        }
      }
    });
    const result = await child;
    expect(result.exitCode, screen).toBe(0);
    expect(screen).toMatch(/Allow Bash: npm test \(Run the test suite\)\? \[y\]es \[n\]o \[s\]ession \(Bash\(npm test\)\)/);
    expect(screen).toMatch(/Allow Edit: \S+src\/config\.ts\? \[y\]es \[n\]o \[s\]ession/);
    expect(screen).toContain('12 passed'); // the allowed tool ran
    expect(screen).toContain('denied this action'); // the denied one did not
    const dir = join(project.root, '.bp6', 'sessions', 'untracked');
    const [log] = await readdir(dir);
    expect(await resolutions(await readFile(join(dir, log!), 'utf8'))).toEqual(['allow:person', 'deny:person']);
  });

  it('without a terminal, denies what the policy leaves open, one line each; --answer allow allows', async () => {
    project = await tempProject();
    const denied = await troupe([...RUN, '--project', project.root, 'ship it'], env());
    expect(denied.exitCode).toBe(0);
    expect(denied.stderr.match(/^troupe: denied .*no terminal to ask/gm)).toHaveLength(2);
    const allowed = await troupe([...RUN, '--answer', 'allow', '--json', '--project', project.root, 'ship it'], env());
    expect(allowed.exitCode).toBe(0);
    const lines = allowed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; request?: { toolName: string } });
    expect(lines.filter((l) => l.type === 'permission-requested').map((l) => l.request?.toolName)).toEqual(['Bash', 'Edit']);
    expect(await resolutions(allowed.stdout)).toEqual(['allow:person', 'allow:person']);
  });

  it("the persona's mode reaches the CLI: a specialist (accept-edits) is asked about the command, never the edit", async () => {
    project = await tempProject();
    const result = await troupe(['run', '--backend', 'sim', '--long-lived', '--persona', 'specialist', '--json', '--project', project.root, 'ship it'], env());
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; request?: { toolName: string }; chunk?: { kind: string; isError?: boolean } });
    expect(lines.filter((l) => l.type === 'permission-requested').map((l) => l.request?.toolName)).toEqual(['Bash']);
    expect(lines.filter((l) => l.chunk?.kind === 'tool_result').map((l) => l.chunk?.isError)).toEqual([true, false]);
  });

  it('--permissions bypass warns, and nothing is asked', async () => {
    project = await tempProject();
    const result = await troupe(['run', '--backend', 'sim', '--long-lived', '--permissions', 'bypass', '--json', '--project', project.root, 'ship it'], env());
    expect(result.stderr).toMatch(/^troupe: warning: --permissions bypass: the agent does anything without asking anyone$/m);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; by?: string; chunk?: { kind: string; isError?: boolean } });
    expect(lines.filter((l) => l.type === 'permission-requested')).toEqual([]);
    // As root Claude refuses bypassPermissions, so troupe's policy answers; else the CLI asks nothing.
    expect(lines.filter((l) => l.type === 'permission-resolved').every((l) => l.by === 'policy')).toBe(true);
    expect(lines.filter((l) => l.chunk?.kind === 'tool_result').map((l) => l.chunk?.isError)).toEqual([false, false]);
  });

  it('refuses a mode or an answer it does not know', async () => {
    project = await tempProject();
    const mode = await troupe(['run', '--permissions', 'yolo', '--project', project.root, 'x'], env());
    expect(mode.exitCode).not.toBe(0);
    expect(mode.stderr).toMatch(/--permissions <mode>.*expected one of ask, accept-edits, read-only, bypass/);
    const answer = await troupe(['run', '--answer', 'maybe', '--project', project.root, 'x'], env());
    expect(answer.stderr).toMatch(/expected allow or deny/);
  });
});

describe('a reply typed at the prompt', () => {
  const tool: PermissionRequest = { requestId: 'r', kind: 'tool', toolName: 'Bash', summary: 'npm test', askedAt: 0, sessionRule: 'Bash(npm test)' };
  const question: PermissionRequest = { requestId: 'q', kind: 'question', toolName: 'AskUserQuestion', summary: 'Which?', askedAt: 0, questions: [{ question: 'Which?', options: [{ label: 'A' }, { label: 'B' }] }] };

  it('y, n, s; anything else asks again', () => {
    expect(parseReply(tool, ' Y ')).toEqual({ decision: 'allow' });
    expect(parseReply(tool, 'no')).toEqual({ decision: 'deny' });
    expect(parseReply(tool, 's')).toEqual({ decision: 'allow', scope: 'session' });
    expect(parseReply({ ...tool, sessionRule: undefined }, 's')).toBeNull();
    expect(parseReply(tool, 'sure')).toBeNull();
  });

  it('a question takes an option number or the person’s own words', () => {
    expect(parseReply(question, '2')).toEqual({ decision: 'allow', answers: { 'Which?': 'B' } });
    expect(parseReply(question, 'neither')).toEqual({ decision: 'allow', answers: { 'Which?': 'neither' } });
    expect(parseReply(question, '')).toMatchObject({ decision: 'deny' });
  });
});
