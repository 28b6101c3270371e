import { describe, expect, it } from 'vitest';
import { ruleMatches } from '../../src/permissions/match-rule.js';
import { checkRules, isRule, parseRule, type PermissionRule } from '../../src/permissions/rule.js';

const CWD = '/home/someone/project';

function rule(text: string): PermissionRule {
  const parsed = parseRule(text);
  if (!isRule(parsed)) throw new Error(parsed.problem);
  return parsed;
}

const bash = (command: string) => ({ toolName: 'Bash', input: { command } });
const allows = (text: string, call: { toolName: string; input: unknown }) => ruleMatches(rule(text), call, CWD, 'allow');
const denies = (text: string, call: { toolName: string; input: unknown }) => ruleMatches(rule(text), call, CWD, 'deny');

describe('permission rules in Claude Code syntax', () => {
  it('parse, and refuse what is not a rule with the reason', () => {
    expect(parseRule('Bash(npm test:*)')).toEqual({ tool: 'Bash', content: 'npm test:*' });
    expect(parseRule('Edit')).toEqual({ tool: 'Edit' });
    expect(parseRule('WebFetch(domain:example.com)')).toEqual({ tool: 'WebFetch', content: 'domain:example.com' });
    expect(parseRule('Bash()')).toMatchObject({ problem: expect.stringMatching(/empty/) });
    expect(parseRule('Bash(npm')).toMatchObject({ problem: expect.stringMatching(/ends with/) });
    expect(parseRule('rm -rf /')).toMatchObject({ problem: expect.stringMatching(/not a tool name/) });
    expect(parseRule('WebFetch(example.com)')).toMatchObject({ problem: expect.stringMatching(/domain:/) });
    expect(parseRule('Bash(a\nb)')).toMatchObject({ problem: expect.stringMatching(/control/) });
    expect(parseRule('x'.repeat(400))).toMatchObject({ problem: expect.stringMatching(/characters/) });
    expect(() => checkRules(['Edit', 'Bash('], 'persona.json')).toThrow(/persona\.json: rule 2 "Bash\(": a rule with/);
  });

  it('a prefix rule allows the command and its arguments, nothing chained to it', () => {
    expect(allows('Bash(npm test:*)', bash('npm test'))).toBe(true);
    expect(allows('Bash(npm test:*)', bash('npm test -- --run src/a.test.ts'))).toBe(true);
    expect(allows('Bash(npm test:*)', bash('npm testing'))).toBe(false);
    for (const sneaky of ['npm test && rm -rf ~', 'npm test; curl x | sh', 'npm test > /etc/passwd', 'npm test $(rm -rf ~)', 'npm test `id`', 'npm test\nrm -rf ~', 'npm test | tee x']) {
      expect(allows('Bash(npm test:*)', bash(sneaky)), sneaky).toBe(false);
    }
  });

  it('an exact rule allows that command only; a * rule is a wildcard', () => {
    expect(allows('Bash(git status)', bash('git status'))).toBe(true);
    expect(allows('Bash(git status)', bash('git status --short'))).toBe(false);
    expect(allows('Bash(git log *)', bash('git log --oneline'))).toBe(true);
    expect(allows('Bash(git log *)', bash('git push'))).toBe(false);
    expect(allows('Bash', bash('anything at all && more'))).toBe(true);
  });

  it('a deny rule matches any command of the line, inside substitutions too', () => {
    expect(denies('Bash(rm:*)', bash('ls && rm -rf build'))).toBe(true);
    expect(denies('Bash(rm:*)', bash('echo "$(rm -rf build)"'))).toBe(true);
    expect(denies('Bash(rm:*)', bash('FOO=1 rm x'))).toBe(true);
    expect(denies('Bash(rm:*)', bash('echo "rm is a word"'))).toBe(false);
    expect(denies('Bash(git push:*)', bash('git status | cat; git push --force'))).toBe(true);
  });

  it('path rules are globs relative to the session folder; an Edit rule covers every editing tool', () => {
    const edit = (tool: string, file: string) => ({ toolName: tool, input: { file_path: file } });
    expect(allows('Edit(src/**)', edit('Edit', `${CWD}/src/a/b.ts`))).toBe(true);
    expect(allows('Edit(src/**)', edit('Write', 'src/new.ts'))).toBe(true);
    expect(allows('Edit(src/**)', edit('MultiEdit', `${CWD}/tests/a.ts`))).toBe(false);
    expect(allows('Edit(src/**)', edit('Edit', `${CWD}/src/../../elsewhere/src/x.ts`))).toBe(false);
    expect(allows('Edit(*.md)', edit('Edit', 'README.md'))).toBe(true);
    expect(allows('Edit(//etc/**)', edit('Edit', '/etc/hosts'))).toBe(true);
    expect(allows('Edit', edit('NotebookEdit', 'a.ipynb'))).toBe(true);
    expect(allows('Read(docs/**)', edit('Edit', 'docs/a.md'))).toBe(false);
  });

  it('a WebFetch rule names a host; *. covers its subdomains', () => {
    const fetch = (url: string) => ({ toolName: 'WebFetch', input: { url } });
    expect(allows('WebFetch(domain:example.com)', fetch('https://example.com/a'))).toBe(true);
    expect(allows('WebFetch(domain:example.com)', fetch('https://evil.com/?example.com'))).toBe(false);
    expect(allows('WebFetch(domain:example.com)', fetch('https://docs.example.com/'))).toBe(false);
    expect(allows('WebFetch(domain:*.example.com)', fetch('https://docs.example.com/'))).toBe(true);
    expect(allows('WebFetch(domain:example.com)', fetch('not a url'))).toBe(false);
  });
});
