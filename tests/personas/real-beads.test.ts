// Every issue of the real beads export, as bead context, reaches the prompt unchanged.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPrompt } from '../../src/personas/build-prompt.js';

const ISSUES = resolve(process.cwd(), '../shared/data/beads/bp6-issues.jsonl');

interface Issue {
  id: string;
  title: string;
  issue_type?: string;
  status?: string;
  priority?: number;
  description?: string;
  design?: string;
  acceptance_criteria?: string;
  notes?: string;
  _type?: string;
}

/** A plain stand-in for the beads module's renderer: the fields, one after another. */
function contextOf(issue: Issue): string {
  const fields = ['description', 'design', 'acceptance_criteria', 'notes'] as const;
  return [
    `Bead ${issue.id}: ${issue.title}`,
    `Type: ${issue.issue_type ?? '?'}  Status: ${issue.status ?? '?'}  Priority: ${issue.priority ?? '?'}`,
    ...fields.flatMap((field) => (issue[field] ? [`${field}:\n${issue[field]}`] : [])),
  ].join('\n');
}

describe('prompts from the real beads export', () => {
  it('embeds each issue verbatim, with its type variant, odd content included', async () => {
    const lines = (await readFile(ISSUES, 'utf8')).split('\n').filter((line) => line.trim() !== '');
    const issues = lines.map((line) => JSON.parse(line) as Issue).filter((issue) => issue._type === undefined || issue._type === 'issue');
    expect(issues.length).toBeGreaterThan(600);
    let withBraces = 0;
    const variants = new Set<string>();
    for (const issue of issues) {
      const beadContext = contextOf(issue);
      if (beadContext.includes('{{') || beadContext.includes('$&')) withBraces += 1;
      const built = await buildPrompt({
        persona: 'specialist',
        task: 'implement',
        beadType: issue.issue_type,
        beadId: issue.id,
        beadTitle: issue.title,
        beadContext,
        userPrompt: 'Continue.',
      });
      expect(built.prompt, issue.id).toContain(beadContext.trim());
      variants.add(built.templatePath.split('/').pop()!);
    }
    // The export has fields with template-like text; they must not be expanded.
    expect(withBraces).toBeGreaterThan(0);
    expect([...variants].sort()).toEqual(['implement.bug.md', 'implement.epic.md', 'implement.md']);
  });
});
