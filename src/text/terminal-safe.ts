/**
 * Text from agents and logs made safe for a terminal: escape sequences (CSI, OSC such as clipboard
 * writes and titles, DCS), C0/C1 controls, DEL and bidi overrides are shown as visible escapes
 * instead of being obeyed. Newlines and tabs stay (newlines only when asked).
 */

// ESC, C0 controls but tab/newline, DEL, C1 controls, and the bidi embedding/override/isolate marks.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_NO_NEWLINES = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (code === 0x1b) return '\\e';
  if (code === 0x0d) return '\\r';
  if (code === 0x0a) return '\\n';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function terminalSafe(text: string, options: { newlines?: boolean } = {}): string {
  return text.replace(options.newlines ? UNSAFE : UNSAFE_NO_NEWLINES, visible);
}
