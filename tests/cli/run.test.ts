import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
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
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim().length).toBeGreaterThan(20);
    expect(result.stdout).toMatch(/⚙ \w+\(/); // a tool call, shown compactly
  });

  it('runs each -m as another turn of the same conversation', async () => {
    project = await tempProject();
    const result = await troupe(['run', '--json', '--project', project.root, 'first', '-m', 'second', '-m', 'third'], env());
    expect(result.exitCode).toBe(0);
    const chunks = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; turn: number; cliSessionId?: string; ok?: boolean });
    expect(new Set(chunks.map((c) => c.turn))).toEqual(new Set([1, 2, 3]));
    const ids = new Set(chunks.filter((c) => c.kind === 'session').map((c) => c.cliSessionId));
    expect(ids.size).toBe(1);
    expect(chunks.filter((c) => c.kind === 'done' && c.ok)).toHaveLength(3);
  });

  it('exits non-zero with a one-line reason when the turn fails', async () => {
    project = await tempProject();
    const result = await troupe(['run', '--project', project.root, 'fail please'], env({ fail: true }));
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^troupe: turn 1 failed: /);
  });

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
