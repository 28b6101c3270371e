import { mkdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadBeads, parseJsonl } from '../../src/beads/index.js';
import { issue, jsonl, makeProject } from './helpers.js';

describe('parseJsonl', () => {
  it('reports each garbage line with its number and reason, and keeps every other line', () => {
    const text = [
      JSON.stringify(issue({ id: 't-1' })),
      'this is not json',
      JSON.stringify(issue({ id: 't-2' })),
      '{"id": "t-3", "title": ',
      '',
      '[1, 2, 3]',
      '{"title": "no id here"}',
      JSON.stringify(issue({ id: 't-4' })),
    ].join('\n') + '\n';
    const parsed = parseJsonl(text);
    expect(parsed.beads.map((b) => b.id)).toEqual(['t-1', 't-2', 't-4']);
    expect(parsed.torn).toBe(false);
    expect(parsed.problems.map((p) => [p.code, p.line])).toEqual([
      ['unparsable-line', 2],
      ['unparsable-line', 4],
      ['invalid-issue', 6],
      ['invalid-issue', 7],
    ]);
    expect(parsed.problems[0]?.message).toMatch(/not JSON/);
    expect(parsed.problems[2]?.message).toMatch(/not a JSON object/);
    expect(parsed.problems[3]?.message).toMatch(/no "id"/);
  });

  it('calls an unfinished last line torn, not garbage', () => {
    const whole = jsonl([issue({ id: 'a-1' }), issue({ id: 'a-2' })]);
    const cut = whole + JSON.stringify(issue({ id: 'a-3' })).slice(0, 40);
    const parsed = parseJsonl(cut);
    expect(parsed.beads.map((b) => b.id)).toEqual(['a-1', 'a-2']);
    expect(parsed.torn).toBe(true);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ code: 'torn-last-line', line: 3 });
  });

  it('accepts a complete last line without a newline, CRLF endings, a BOM and spaced JSON', () => {
    const text =
      '\ufeff' +
      '{"id": "s-1", "title": "Spaced", "status": "open", "priority": 1, "issue_type": "bug"}\r\n' +
      JSON.stringify(issue({ id: 's-2' }));
    const parsed = parseJsonl(text);
    expect(parsed.torn).toBe(false);
    expect(parsed.problems).toEqual([]);
    expect(parsed.beads.map((b) => [b.id, b.title, b.issueType, b.priority])).toEqual([
      ['s-1', 'Spaced', 'bug', 1],
      ['s-2', 'Title of s-2', 'task', 2],
    ]);
  });

  it('skips records of another _type and keeps those of _type issue', () => {
    const parsed = parseJsonl(
      jsonl([
        { _type: 'memory', id: 'm-1', text: 'remember this' },
        { ...issue({ id: 'i-1' }), _type: 'issue' },
        { _type: 'config', key: 'x' },
      ]),
    );
    expect(parsed.beads.map((b) => b.id)).toEqual(['i-1']);
    expect(parsed.problems).toEqual([]);
  });

  it('keeps unknown statuses and types, fills missing optional fields, tolerates odd values', () => {
    const parsed = parseJsonl(
      jsonl([
        { id: 'o-1', title: 'Custom', status: 'awaiting-review', issue_type: 'convoy', priority: 3 },
        { id: 'o-2' },
        {
          id: 'o-3',
          title: 42,
          priority: 'high',
          description: { nested: true },
          labels: ['ok', 7, null],
          dependencies: 'not an array',
          notes: 'line one\nline two',
        },
        {
          id: 'o-4',
          title: 'Edges of others',
          dependencies: [
            null,
            { issue_id: 'someone-else', depends_on_id: 'o-1', type: 'parent-child' },
            { depends_on_id: 'o-1', type: 'blocks' },
            { issue_id: 'o-4', depends_on_id: 'o-2' },
          ],
        },
      ]),
    );
    const [custom, bare, odd, edges] = parsed.beads;
    expect(custom).toMatchObject({ status: 'awaiting-review', issueType: 'convoy', priority: 3 });
    expect(bare).toMatchObject({ id: 'o-2', title: '(untitled)', status: 'open', issueType: 'task', priority: 2, labels: [] });
    expect(bare?.description).toBeUndefined();
    expect(odd).toMatchObject({ title: '42', priority: 2, labels: ['ok'], dependencies: [], notes: 'line one\nline two' });
    expect(odd?.description).toBeUndefined();
    expect(edges?.dependencies).toEqual([{ dependsOnId: 'o-1', type: 'blocks', createdAt: undefined }]);
    expect(parsed.problems.map((p) => [p.code, p.issueId])).toEqual([
      ['invalid-field', 'o-2'],
      ['invalid-field', 'o-3'],
    ]);
  });
});

describe('loadBeads on a file with garbage lines', () => {
  it('loads every good issue and reports the bad lines', async () => {
    const project = await makeProject(
      [
        JSON.stringify(issue({ id: 'g-1' })),
        '\u0000\u0001binary junk',
        JSON.stringify(issue({ id: 'g-2', parent: 'g-1' })),
        '}{',
        JSON.stringify(issue({ id: 'g-3', status: 'tombstone' })),
        JSON.stringify(issue({ id: 'g-1', title: 'g-1 rewritten later' })),
      ].join('\n') + '\n',
    );
    try {
      const loaded = await loadBeads(project.root);
      expect(loaded.issues.map((b) => b.id).sort()).toEqual(['g-1', 'g-2']);
      expect(loaded.issues.find((b) => b.id === 'g-1')?.title).toBe('g-1 rewritten later');
      expect(loaded.hidden).toBe(1);
      expect(loaded.problems.map((p) => [p.code, p.line])).toEqual([
        ['unparsable-line', 2],
        ['unparsable-line', 4],
        ['duplicate-id', 6],
      ]);
    } finally {
      await project.cleanup();
    }
  });

  it('says clearly when the file is not readable', async () => {
    const project = await makeProject();
    await mkdir(project.issuesPath);
    try {
      await expect(loadBeads(project.root)).rejects.toMatchObject({ code: 'BEADS_READ_FAILED' });
      await expect(loadBeads(project.root)).rejects.toThrow(/cannot read .*issues\.jsonl/);
    } finally {
      await project.cleanup();
    }
  });
});
