import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBeadContext, MAX_FIELD_CHARS, parseJsonl, renderBeadContext } from '../../src/beads/index.js';
import { issue, jsonl, makeBp6Project, type TempProject } from './helpers.js';

describe('renderBeadContext', () => {
  const [bead] = parseJsonl(
    jsonl([
      issue({
        id: 'ctx-1.2',
        title: 'Wire the \u001b[31mred\u001b[0m thing',
        type: 'feature',
        status: 'in_progress',
        priority: 1,
        extra: {
          description: 'What to build.\r\nSecond line.',
          design: 'Use a worker per session.',
          acceptance_criteria: '- [ ] it works\n- [ ] it is tested',
          notes: 'Remember\u0007 the bell.',
        },
      }),
    ]),
  ).beads;

  it('embeds the fields and the chain of parents, root first', () => {
    const text = renderBeadContext(bead!, [
      { id: 'ctx-1', title: 'The epic' },
      { id: 'ctx-1.1', title: 'The feature' },
    ]);
    expect(text).toContain('## Bead ctx-1.2: Wire the red thing');
    expect(text).toContain('- Type: feature');
    expect(text).toContain('- Status: in_progress');
    expect(text).toContain('- Priority: P1');
    expect(text).toContain('- Parents (root first): ctx-1 (The epic) > ctx-1.1 (The feature)');
    expect(text).toContain('### Description\n\nWhat to build.\nSecond line.');
    expect(text).toContain('### Design\n\nUse a worker per session.');
    expect(text).toContain('### Acceptance criteria\n\n- [ ] it works\n- [ ] it is tested');
    expect(text).toContain('### Notes\n\nRemember the bell.');
    expect(text).toContain('bd show ctx-1.2');
    expect(text).not.toMatch(/[\u0000-\u0008\u001b]/);
  });

  it('says when the bead is a root, leaves out empty fields and cuts very long ones', () => {
    const long = { ...bead!, description: 'y'.repeat(MAX_FIELD_CHARS + 500), design: '   ', notes: undefined };
    const text = renderBeadContext(long, []);
    expect(text).toContain('- Parents: none');
    expect(text).not.toContain('### Design');
    expect(text).not.toContain('### Notes');
    expect(text).toContain(`cut at ${MAX_FIELD_CHARS} characters`);
    expect(text.length).toBeLessThan(MAX_FIELD_CHARS + 1_000);
  });
});

describe('loadBeadContext on the real data', () => {
  let project: TempProject;
  beforeAll(async () => {
    project = await makeBp6Project();
  });
  afterAll(() => project.cleanup());

  it('finds a bead and its chain of parents', async () => {
    const context = await loadBeadContext(project.root, 'bp6-643.001.5');
    expect(context?.bead.title).toBeTruthy();
    expect(context?.ancestors.map((a) => a.id)).toEqual(['bp6-643', 'bp6-643.001']);
    expect(context?.text).toContain('## Bead bp6-643.001.5: ');
    expect(context?.text).toMatch(/Parents \(root first\): bp6-643 \(.+\) > bp6-643\.001 \(.+\)/);
  });

  it('follows the edge for a hash id (bp6-142 under bp6-85n)', async () => {
    const context = await loadBeadContext(project.root, 'bp6-142');
    expect(context?.ancestors.at(-1)?.id).toBe('bp6-85n');
  });

  it('gives null for an unknown or deleted bead, and an error for something that is not an id', async () => {
    expect(await loadBeadContext(project.root, 'bp6-nope')).toBeNull();
    expect(await loadBeadContext(project.root, 'abc-def')).toBeNull();
    await expect(loadBeadContext(project.root, '../etc/passwd')).rejects.toMatchObject({ code: 'INVALID_BEAD_ID' });
  });
});
