import { describe, expect, it } from 'vitest';
import { editLines, generatedFiles, runWorkspacesBench } from '../../src/bench/workspaces.js';

describe('the workspaces benchmark', () => {
  it('edits exactly the asked number of diff lines in the generated files', () => {
    const files = generatedFiles(400, 40);
    expect(Object.keys(files)).toHaveLength(400);
    const edited = editLines(files, 1000);
    let changed = 0;
    for (const [name, text] of Object.entries(edited)) {
      const before = (files[name] as string).split('\n');
      changed += text.split('\n').filter((line, i) => line !== before[i]).length;
    }
    expect(changed * 2).toBe(1000); // each rewritten line is one removed and one added
  });

  it('measures with real git and reports the diff it measured (figures printed, not asserted)', { timeout: 120_000 }, async () => {
    const figures = await runWorkspacesBench(1);
    expect(figures.diffLines).toBe(1000);
    expect([figures.create.runs, figures.changes.runs, figures.changesAndDiff.runs, figures.remove.runs]).toEqual([1, 1, 1, 1]);
  });
});
