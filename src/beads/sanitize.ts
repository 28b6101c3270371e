/** Text from issues goes to terminals and prompts: drop what can hide or rewrite content. */
import { stripTerminalControls } from '../text/terminal-safe.js';

/** Multi-line text, safe to embed in a prompt: tabs and newlines kept, CRLF folded. */
export function cleanText(value: string): string {
  return stripTerminalControls(value.replace(/\r\n?/g, '\n'));
}

/** One line, safe to print in a terminal column: newlines and tabs become spaces. */
export function cleanLine(value: string): string {
  return cleanText(value).replace(/\s+/g, ' ').trim();
}
