/** The composition of a reply: deterministic per seed, tools spread between prose. */
import { describe, expect, it } from 'vitest';
import { fitToBytes } from '../../src/sim-agent/fit-bytes.js';
import { composeReply, type ReplyInput } from '../../src/sim-agent/reply-plan.js';
import { topicOf } from '../../src/sim-agent/reply-text.js';
import { createRng } from '../../src/sim-agent/rng.js';

const input = (over: Partial<ReplyInput> = {}): ReplyInput => ({
  prompt: 'Speed up the search index',
  memory: { earlier: 0 },
  cwd: '/home/dev/shop',
  chunks: 6,
  tools: 2,
  rng: createRng('seed'),
  ...over,
});

describe('composeReply', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = composeReply(input());
    const b = composeReply(input());
    const c = composeReply(input({ rng: createRng('other') }));
    const words = (s: typeof a) => s.map((x) => (x.kind === 'text' ? x.text : x.call.name)).join('|');
    expect(words(a)).toBe(words(b));
    expect(words(c)).not.toBe(words(a));
  });

  it('opens with a plan about the prompt, ends in a summary, tools in between', () => {
    const segments = composeReply(input());
    expect(segments.map((s) => s.kind)).toEqual(['text', 'text', 'tool', 'text', 'text', 'tool', 'text', 'text']);
    const first = segments[0];
    expect(first?.kind === 'text' && first.text).toMatch(/Speed up the search index[\s\S]*\n1\. /);
    const last = segments.at(-1);
    expect(last?.kind === 'text' && last.text).toContain('That covers');
  });

  it('mentions the memory of earlier turns first', () => {
    const [first] = composeReply(input({ memory: { earlier: 3, previous: 'Use  the\nold index' } }));
    expect(first?.kind === 'text' && first.text).toMatch(/^Picking up where we left off: this conversation has 3 earlier user messages; the last one was "Use the old index"\./);
  });

  it('handles no chunks (tools only) and one chunk', () => {
    expect(composeReply(input({ chunks: 0 })).map((s) => s.kind)).toEqual(['tool', 'tool']);
    expect(composeReply(input({ chunks: 1, tools: 1 })).map((s) => s.kind)).toEqual(['tool', 'text']);
  });

  it('adds the huge-line tool with its target size', () => {
    const huge = composeReply(input({ tools: 0, hugeLineBytes: 5000 })).filter((s) => s.kind === 'tool');
    expect(huge).toHaveLength(1);
    expect(huge[0]?.kind === 'tool' && huge[0].padLineTo).toBe(5000);
  });
});

describe('fitToBytes and topicOf', () => {
  it('cuts at a character boundary and pads to the exact byte size', () => {
    const text = fitToBytes('héllo wörld', 3, () => 'x');
    expect(Buffer.byteLength(text)).toBe(3);
    expect(text.startsWith('h')).toBe(true);
    expect(Buffer.byteLength(fitToBytes('ab', 50, () => 'filler '))).toBe(50);
  });

  it('names the topic from the first line, short', () => {
    expect(topicOf('\n  Fix the *login* bug.\nmore text')).toBe('Fix the login bug');
    // troupe's persona prompts: the bead's title, else the user's words, never the preamble.
    expect(topicOf('You are the Specialist of shop.\n\n## Bead\n## Bead shop-1.1: Single-page checkout form\n- Type: feature')).toBe('Single-page checkout form');
    expect(topicOf('You are the QA engineer.\n## The user says\nhello there\n## How to work\n1. Claim it')).toBe('hello there');
    expect(topicOf('You are the PM.\n## Extra instructions\n\n## How to work\n1. Claim it')).toBe('You are the PM');
    expect(topicOf('   ')).toBe('this task');
    expect(topicOf('word '.repeat(40)).length).toBeLessThanOrEqual(63);
  });
});
