/** Parses the text of issues.jsonl: one JSON value per line, each line on its own. */
import { parseIssue } from './parse-issue.js';
import type { Bead, BeadsProblem } from './types.js';

export interface ParsedJsonl {
  /** Every issue line, in file order (tombstones and duplicates included). */
  beads: Bead[];
  problems: BeadsProblem[];
  /** The last line has no newline and is not valid JSON: the file was being written. */
  torn: boolean;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function parseJsonl(text: string): ParsedJsonl {
  const beads: Bead[] = [];
  const problems: BeadsProblem[] = [];
  let torn = false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split('\n');
  const endsWithNewline = body.endsWith('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const lineNo = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const last = i === lines.length - 1 && !endsWithNewline;
      if (last) torn = true;
      problems.push({
        code: last ? 'torn-last-line' : 'unparsable-line',
        line: lineNo,
        message: `${last ? 'unfinished last line' : 'not JSON'}: ${reasonOf(error)}`,
      });
      continue;
    }
    const parsed = parseIssue(value, lineNo);
    if (parsed.kind === 'invalid') problems.push(parsed.problem);
    else if (parsed.kind === 'issue') {
      beads.push(parsed.bead);
      problems.push(...parsed.problems);
    }
  }
  return { beads, problems, torn };
}
