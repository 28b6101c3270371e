import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beadContextFromTree, loadBeadContext, loadWbsTree } from '../../src/beads/index.js';
import { buildPrompt } from '../../src/personas/index.js';
import { makeBp6Project, type TempProject } from './helpers.js';

describe('a persona prompt built for a bead of the real data', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await makeBp6Project();
  });
  afterAll(() => project.cleanup());

  it('carries the bead fields and its chain of parents', async () => {
    const context = await loadBeadContext(project.root, 'bp6-142');
    expect(context).not.toBeNull();
    const built = await buildPrompt({
      projectRoot: project.root,
      persona: 'specialist',
      beadType: context?.bead.issueType,
      beadContext: context?.text,
      beadId: 'bp6-142',
      beadTitle: context?.bead.title,
      userPrompt: 'Start with the drop zones.',
    });
    expect(built.prompt).toContain('## Bead bp6-142: Setup Drag Drop Zones');
    expect(built.prompt).toContain('- Status: open');
    expect(built.prompt).toMatch(/- Parents \(root first\): .*bp6-85n \(/);
    expect(built.prompt).toContain('Start with the drop zones.');
    if (context?.bead.description) expect(built.prompt).toContain(context.bead.description.trim().slice(0, 60));
  });

  it('gives the same context from a tree already loaded', async () => {
    const { tree } = await loadWbsTree(project.root);
    const fromTree = beadContextFromTree(tree, 'bp6-643.7.1');
    const loaded = await loadBeadContext(project.root, 'bp6-643.7.1');
    expect(fromTree?.text).toBe(loaded?.text);
    for (const section of ['### Description', '### Design', '### Acceptance criteria', '### Notes']) expect(fromTree?.text).toContain(section);
    expect(fromTree?.ancestors.map((a) => a.id)).toEqual(['bp6-643', 'bp6-643.7']);
  });
});
