import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/ui/lib/markdown.js';
import { splitMarkdownBlocks } from '../../../src/ui/lib/markdown-blocks.js';

describe('renderMarkdown', () => {
  it('renders markdown but shows raw HTML as text', () => {
    const html = renderMarkdown('**bold** <img src=x onerror=alert(1)> <script>alert(2)</script>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;');
  });

  it('keeps only http(s) and mailto links, and fetches no images', () => {
    expect(renderMarkdown('[ok](https://example.com)')).toContain('href="https://example.com"');
    expect(renderMarkdown('[ok](https://example.com)')).toContain('rel="noopener noreferrer"');
    const js = renderMarkdown('[click](javascript:alert(1))');
    expect(js).not.toContain('href');
    expect(js).toContain('click');
    const image = renderMarkdown('![logo](https://example.com/a.png)');
    expect(image).not.toContain('<img');
    expect(image).toContain('href="https://example.com/a.png"');
  });

  it('escapes code blocks once', () => {
    expect(renderMarkdown('```\na < b && c\n```')).toContain('a &lt; b &amp;&amp; c');
  });
});

describe('splitMarkdownBlocks', () => {
  it('splits at blank lines but never inside a code fence', () => {
    const text = 'First paragraph.\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n- one\n- two\n\n\nLast';
    expect(splitMarkdownBlocks(text)).toEqual(['First paragraph.', '```ts\nconst a = 1;\n\nconst b = 2;\n```', '- one\n- two', 'Last']);
  });

  it('keeps a growing last block apart from the settled ones', () => {
    const before = splitMarkdownBlocks('Intro.\n\nWorking on');
    const after = splitMarkdownBlocks('Intro.\n\nWorking on it now');
    expect(before[0]).toBe(after[0]);
    expect(after).toHaveLength(2);
  });
});
