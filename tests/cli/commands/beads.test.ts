import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBeadsCommand, type BeadsCommandOptions } from '../../../src/cli/commands/beads.js';
import type { WbsWireNode } from '../../../src/beads/index.js';
import { troupe } from '../../helpers/troupe-cli.js';
import { issue, jsonl, makeBp6Project, makeProject, type TempProject } from '../../beads/helpers.js';

async function run(options: BeadsCommandOptions, cwd?: string) {
  let out = '';
  let err = '';
  await runBeadsCommand(options, { out: (t) => (out += t), err: (t) => (err += t), cwd });
  return { out, err };
}

function find(nodes: WbsWireNode[], id: string): WbsWireNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const below = find(n.children, id);
    if (below) return below;
  }
  return undefined;
}

describe('troupe beads on the real bp6 data', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await makeBp6Project();
  });
  afterAll(() => project.cleanup());

  it('prints the open tree, indented, with type, status, priority and blocked marks', async () => {
    const { out, err } = await run({ project: project.root });
    expect(err).toBe('');
    const lines = out.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^555 issues, 86 roots, from .*issues\.jsonl/);
    expect(out).toMatch(/^bp6-gyb {2}epic {2}in_progress {2}P2 {2}PTY Terminal Interface for Agent Sessions/m);
    expect(out).toMatch(/^ {4}bp6-142 {2}task {2}open {2}P2 {2}Setup Drag Drop Zones {2}\[blocked by bp6-0e4, bp6-xxr\]$/m);
    // Closed with nothing open below: hidden.
    expect(out).not.toMatch(/^\s*bp6-643 /m);
    expect(out).not.toMatch(/ closed {2}P\d {2}.*\n\s*$/);
  });

  it('--all shows the closed ones too, one line per issue', async () => {
    const { out } = await run({ project: project.root, all: true });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(555 + 1);
    expect(out).toMatch(/^bp6-643 {2}epic {2}closed {2}P\d/m);
    expect(out).toMatch(/^ {2}bp6-643\.001 {2}/m);
    expect(out).toMatch(/^ {4}bp6-643\.001\.1 {2}/m);
  });

  it('--json --all prints every node with id, title, type, status, priority, blocked, children', async () => {
    const { out } = await run({ project: project.root, json: true, all: true });
    const roots = JSON.parse(out) as WbsWireNode[];
    expect(roots).toHaveLength(86);
    const epic = find(roots, 'bp6-643');
    expect(epic).toMatchObject({ type: 'epic', status: 'closed', blocked: false });
    expect(epic?.children.map((c) => c.id)).toContain('bp6-643.001');
    expect(find(roots, 'bp6-85n')?.children.map((c) => c.id)).toContain('bp6-142');
    expect(find(roots, 'bp6-142')).toMatchObject({ blocked: true, priority: 2, status: 'open' });
    const count = (nodes: WbsWireNode[]): number => nodes.reduce((s, n) => s + 1 + count(n.children), 0);
    expect(count(roots)).toBe(555);
  });
});

describe('troupe beads on odd projects', () => {
  it('finds the project from a folder below it, and puts problems on stderr', async () => {
    const project = await makeProject(jsonl([issue({ id: 'q-1' })]) + 'garbage\n' + jsonl([issue({ id: 'q-2', parent: 'q-1' })]));
    try {
      const { out, err } = await run({ json: true }, project.beadsDir);
      const roots = JSON.parse(out) as WbsWireNode[];
      expect(roots.map((r) => r.id)).toEqual(['q-1']);
      expect(roots[0]?.children.map((c) => c.id)).toEqual(['q-2']);
      expect(err).toMatch(/1 problem\(s\)[\s\S]*line 2: not JSON/);
    } finally {
      await project.cleanup();
    }
  });

  it('keeps odd characters in titles out of the terminal', async () => {
    const project = await makeProject(jsonl([issue({ id: 'z-1', title: 'Bad \u001b[2J\u001b[31mtitle\nwith newline\u0007' })]));
    try {
      const { out } = await run({ project: project.root });
      expect(out).toContain('z-1  task  open  P2  Bad title with newline\n');
      expect(out).not.toMatch(/[\u0000-\u0008\u001b]/);
    } finally {
      await project.cleanup();
    }
  });
});

describe('the compiled troupe beads (npm run build:node first)', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await makeBp6Project();
  });
  afterAll(() => project.cleanup());

  it('prints the tree of a copy of the bp6 data', async () => {
    const result = await troupe(['beads', '--project', project.root], { PATH: '/usr/bin:/bin' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^ {4}bp6-142 {2}task {2}open {2}P2 {2}Setup Drag Drop Zones/m);
    expect(result.stdout).toMatch(/555 issues, 86 roots/);
  });

  it('fails with one clear line for a project without beads', async () => {
    const empty = await makeProject();
    try {
      const result = await troupe(['beads', '--project', empty.root], { PATH: '/usr/bin:/bin' });
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toMatch(/^troupe: no beads in .*: .*issues\.jsonl does not exist and no `bd` is on PATH/);
    } finally {
      await empty.cleanup();
    }
  });
});
