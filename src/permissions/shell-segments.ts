/**
 * A shell command line as the commands it runs. An allow rule may only match a plain command (no
 * chaining, pipes, redirections or substitutions: `npm test && rm -rf ~` is not `npm test`); a
 * deny rule matches any command of the line, those inside substitutions included.
 */
import { parse } from 'shell-quote';

/** Characters that make a command line more than one plain command. */
const SUBSTITUTION = /`|\$\(|\r|\n/;

/** The command itself when the line is one plain command (normalised spaces), else null. */
export function plainCommand(line: string): string | null {
  if (SUBSTITUTION.test(line)) return null;
  const tokens = tokenize(line);
  if (tokens === null || tokens.some((token) => typeof token !== 'string')) return null;
  return line.trim().replace(/[ \t]+/g, ' ');
}

/** Every command the line may run, each as its words joined by one space, leading `VAR=x` dropped. */
export function commandSegments(line: string): string[] {
  const segments: string[] = [];
  const inner = [...line.matchAll(/\$\(([^()]*)\)|`([^`]*)`/g)].map((m) => m[1] ?? m[2] ?? '');
  for (const part of [line, ...inner]) {
    const tokens = tokenize(part);
    if (tokens === null) {
      segments.push(part.trim());
      continue;
    }
    let words: string[] = [];
    const flush = () => {
      while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0] as string)) words.shift();
      if (words.length > 0) segments.push(words.join(' '));
      words = [];
    };
    for (const token of tokens) {
      if (typeof token === 'string') words.push(token);
      else flush();
    }
    flush();
  }
  return segments;
}

function tokenize(line: string): ReturnType<typeof parse> | null {
  try {
    // Variables stay as written: the rule sees the text, not this process's environment.
    return parse(line, (name) => `$${name}`);
  } catch {
    return null;
  }
}
