/** Claude's command line as the simulated agent reads it. */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/sim-agent/cli-args.js';

describe('parseArgs', () => {
  it('reads the flags troupe passes for a turn, with -p boolean and the prompt positional', () => {
    const args = parseArgs(['-p', 'fix it', '--output-format', 'stream-json', '--verbose', '--model', 'opus', '--resume', 'abc']);
    expect(args).toMatchObject({ prompt: 'fix it', outputFormat: 'stream-json', verbose: true, model: 'opus', resume: 'abc' });
  });

  it('accepts --flag=value and the prompt anywhere', () => {
    const args = parseArgs(['--output-format=stream-json', 'hello there', '--verbose', '--include-partial-messages']);
    expect(args).toMatchObject({ prompt: 'hello there', outputFormat: 'stream-json', includePartialMessages: true });
  });

  it('skips values of Claude flags it does not use, so they are never the prompt', () => {
    const args = parseArgs(['-p', '--permission-mode', 'acceptEdits', '--allowedTools', 'Bash', 'Edit', '--', 'the prompt']);
    expect(args.prompt).toBe('the prompt');
    expect(args.permissionMode).toBe('acceptEdits');
  });

  it('ignores unknown flags', () => {
    expect(parseArgs(['--brand-new-flag', '-p', 'x']).prompt).toBe('x');
  });

  it('reads --sim-<knob> flags, bare booleans included, and refuses unknown knobs', () => {
    const args = parseArgs(['--sim-chunks', '3', '--sim-fail', 'prompt', '--sim-timestamps', 'off', '--sim-rate=5']);
    expect(args.prompt).toBe('prompt');
    expect(Object.fromEntries(args.simFlags)).toEqual({ chunks: '3', fail: true, timestamps: 'off', rate: '5' });
    expect(() => parseArgs(['--sim-chunkz', '3'])).toThrow(/unknown knob --sim-chunkz/);
    expect(() => parseArgs(['--sim-chunks'])).toThrow(/--sim-chunks needs a value/);
  });

  it('marks --resume without an id', () => {
    expect(parseArgs(['--resume', '--verbose']).resume).toBe(true);
    expect(parseArgs(['-r', 'id-1']).resume).toBe('id-1');
  });
});
