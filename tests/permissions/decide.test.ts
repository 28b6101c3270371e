import { describe, expect, it } from 'vitest';
import { decide } from '../../src/permissions/decide.js';
import { describeToolCall } from '../../src/permissions/describe-tool-call.js';
import { sessionRuleFor } from '../../src/permissions/session-rule.js';
import type { PermissionPolicy } from '../../src/protocol/permissions.js';

const CWD = '/home/someone/project';
const bash = (command: string) => ({ toolName: 'Bash', input: { command } });
const edit = (file: string) => ({ toolName: 'Edit', input: { file_path: file, old_string: 'a', new_string: 'b' } });
const question = { toolName: 'AskUserQuestion', input: { questions: [{ question: 'Which?', options: [{ label: 'A' }] }] } };

describe("troupe's policy decision before anyone is asked", () => {
  it('deny wins over allow', () => {
    const policy: PermissionPolicy = { mode: 'bypass', allow: ['Bash'], deny: ['Bash(git push:*)'] };
    expect(decide(policy, [], bash('git push origin'), CWD)).toEqual({ decision: 'deny', rule: 'Bash(git push:*)', why: 'denied by the rule Bash(git push:*)' });
    expect(decide(policy, [], bash('git status'), CWD)).toMatchObject({ decision: 'allow', rule: 'Bash' });
    expect(decide({ mode: 'ask', deny: ['Bash(rm:*)'] }, ['Bash(rm -rf build)'], bash('rm -rf build'), CWD)).toMatchObject({ decision: 'deny' });
  });

  it('allow rules and the rules a person allowed for the session answer by policy; the rest is asked', () => {
    const qa: PermissionPolicy = { mode: 'ask', allow: ['Bash(npm test:*)'] };
    expect(decide(qa, [], bash('npm test'), CWD)).toMatchObject({ decision: 'allow', rule: 'Bash(npm test:*)' });
    expect(decide(qa, [], bash('npm publish'), CWD)).toBeNull();
    expect(decide(qa, ['Bash(npm publish)'], bash('npm publish'), CWD)).toMatchObject({ decision: 'allow', rule: 'Bash(npm publish)' });
  });

  it('modes: accept-edits lets edits inside the folder through, read-only denies what acts, bypass allows', () => {
    expect(decide({ mode: 'accept-edits' }, [], edit('src/a.ts'), CWD)).toMatchObject({ decision: 'allow', why: 'permission mode accept-edits' });
    expect(decide({ mode: 'accept-edits' }, [], edit('/etc/hosts'), CWD)).toBeNull();
    expect(decide({ mode: 'accept-edits' }, [], bash('make'), CWD)).toBeNull();
    expect(decide({ mode: 'read-only' }, [], edit('src/a.ts'), CWD)).toMatchObject({ decision: 'deny', why: 'permission mode read-only' });
    expect(decide({ mode: 'read-only' }, [], bash('ls'), CWD)).toMatchObject({ decision: 'deny' });
    expect(decide({ mode: 'read-only', allow: ['Bash(git log:*)'] }, [], bash('git log -3'), CWD)).toMatchObject({ decision: 'allow' });
    expect(decide({ mode: 'read-only' }, [], { toolName: 'WebFetch', input: { url: 'https://a.org' } }, CWD)).toBeNull();
    expect(decide({ mode: 'bypass' }, [], bash('anything'), CWD)).toMatchObject({ decision: 'allow' });
    expect(decide({ mode: 'ask' }, [], edit('src/a.ts'), CWD)).toBeNull();
  });

  it('a question always goes to a person, whatever the mode', () => {
    for (const mode of ['ask', 'accept-edits', 'read-only', 'bypass'] as const) expect(decide({ mode, allow: ['AskUserQuestion'] }, [], question, CWD)).toBeNull();
  });
});

describe('what a person sees of a request', () => {
  it('the command line, the file with a diff preview, the URL, the question', () => {
    expect(describeToolCall('Bash', { command: 'npm test', description: 'Run the tests' })).toEqual({ summary: 'npm test', reason: 'Run the tests' });
    expect(describeToolCall('Edit', { file_path: 'src/a.ts', old_string: 'x = 1', new_string: 'x = 2\ny = 3' })).toEqual({ summary: 'src/a.ts', preview: '- x = 1\n+ x = 2\n+ y = 3' });
    expect(describeToolCall('WebFetch', { url: 'https://a.org/x', prompt: 'find the API' })).toEqual({ summary: 'https://a.org/x', reason: 'find the API' });
    expect(describeToolCall('AskUserQuestion', question.input)).toEqual({ summary: 'Which?', questions: [{ question: 'Which?', options: [{ label: 'A' }] }] });
    expect(describeToolCall('Write', { file_path: 'n.txt', content: Array.from({ length: 60 }, (_, i) => `l${i}`).join('\n') }).preview).toMatch(/\+ l0\n[\s\S]*… 20 more lines$/);
  });

  it('the rule "allow for this session" adds: the CLI suggestion, else the narrowest', () => {
    expect(sessionRuleFor({ ...bash('npm test'), suggestions: ['Bash(npm test:*)'] }, CWD)).toBe('Bash(npm test:*)');
    expect(sessionRuleFor({ ...bash('npm test'), suggestions: ['Bash('] }, CWD)).toBe('Bash(npm test)');
    expect(sessionRuleFor(bash('npm test && rm x'), CWD)).toBeUndefined();
    expect(sessionRuleFor(edit(`${CWD}/src/a.ts`), CWD)).toBe('Edit(src/a.ts)');
    expect(sessionRuleFor(edit('/etc/hosts'), CWD)).toBeUndefined();
    expect(sessionRuleFor({ toolName: 'WebFetch', input: { url: 'https://a.org/x' } }, CWD)).toBe('WebFetch(domain:a.org)');
    expect(sessionRuleFor(question, CWD)).toBeUndefined();
  });
});
