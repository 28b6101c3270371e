/**
 * Syntax highlighting of diffs: refractor (Prism) with the languages a project's files mostly are,
 * picked by file name. Registered once, lazily: a dashboard that never opens a diff never pays.
 */
import { refractor } from 'refractor/core';
import bash from 'refractor/bash';
import css from 'refractor/css';
import go from 'refractor/go';
import javascript from 'refractor/javascript';
import json from 'refractor/json';
import jsx from 'refractor/jsx';
import markdown from 'refractor/markdown';
import markup from 'refractor/markup';
import python from 'refractor/python';
import rust from 'refractor/rust';
import tsx from 'refractor/tsx';
import typescript from 'refractor/typescript';
import yaml from 'refractor/yaml';

let registered = false;

function ready(): typeof refractor {
  if (!registered) {
    for (const language of [markup, css, javascript, jsx, typescript, tsx, json, markdown, bash, python, yaml, go, rust]) refractor.register(language);
    registered = true;
  }
  return refractor;
}

const BY_EXTENSION: Record<string, string> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'jsx',
  json: 'json', md: 'markdown', markdown: 'markdown', css: 'css', html: 'markup', xml: 'markup', svg: 'markup', sh: 'bash', bash: 'bash',
  py: 'python', yml: 'yaml', yaml: 'yaml', go: 'go', rs: 'rust',
};

/** The language of a file by its name, or null when none is known. */
export function languageOf(path: string): string | null {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? null : (BY_EXTENSION[path.slice(dot + 1).toLowerCase()] ?? null);
}

/** What react-diff-view's tokenizer calls: refractor 5 answers a root node, the tokenizer wants its children. */
export const highlighter = {
  highlight(text: string, language: string) {
    return ready().highlight(text, language).children;
  },
};
