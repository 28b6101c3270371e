/** Text from issues goes to terminals and prompts: drop what can hide or rewrite content. */

// C0 controls except tab and newline, DEL, C1 controls, and bidi overrides/isolates.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// A whole ANSI escape sequence (CSI ... final byte), so no stray "[31m" is left behind.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;

/** Multi-line text, safe to embed in a prompt: tabs and newlines kept, CRLF folded. */
export function cleanText(value: string): string {
  return value.replace(ANSI, '').replace(/\r\n?/g, '\n').replace(UNSAFE, '');
}

/** One line, safe to print in a terminal column: newlines and tabs become spaces. */
export function cleanLine(value: string): string {
  return cleanText(value).replace(/\s+/g, ' ').trim();
}
