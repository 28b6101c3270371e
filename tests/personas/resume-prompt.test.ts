import { describe, expect, it } from 'vitest';
import { buildResumePrompt } from '../../src/personas/resume-prompt.js';

describe('buildResumePrompt', () => {
  it('tells the agent its turn was interrupted, why, and to continue without starting over', () => {
    const text = buildResumePrompt('worker exited with code 1');
    expect(text).toContain('Your previous turn was interrupted before it finished (worker exited with code 1)');
    expect(text).toContain('Do not start over');
    expect(text).toContain('continue the task');
  });

  it('keeps a long or multi-line reason to one bounded line', () => {
    const text = buildResumePrompt(`stack:\n${'at frame\n'.repeat(200)}`);
    const first = text.split('\n')[0]!;
    expect(first).toMatch(/^Your previous turn was interrupted before it finished \(stack: at frame at frame .*…\); /);
    expect(first.length).toBeLessThan(420);
  });

  it('reads well without a reason', () => {
    expect(buildResumePrompt().split('\n')[0]).toBe(
      'Your previous turn was interrupted before it finished; the session has been restarted.',
    );
    expect(buildResumePrompt('  ')).toBe(buildResumePrompt());
  });
});
