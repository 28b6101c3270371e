/**
 * Text from agents, logs and repository files, made safe for a terminal: escape sequences (CSI,
 * OSC such as 52 clipboard / 0 title / 8 hyperlink, DCS, ...) are removed, and every control
 * character left (C0 but newline and tab, a lone CR, DEL, C1, bidi overrides and isolates) is shown
 * as a visible stand-in, so nothing can move the cursor, rewrite a line, set the clipboard or hide
 * text. Colour on a troupe screen is troupe's own, added after this.
 */
import { stripVTControlCharacters } from 'node:util';

// What is left after the sequences are gone and CRLF is folded.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// What JSON.stringify leaves raw in a string (it escapes C0 itself).
const JSON_RAW = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function codeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** C0 as its Unicode control picture (ESC -> ␛, CR -> ␍), DEL as ␡, the rest as `\u009b`. */
function visible(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return codeEscape(char);
}

/** Escape sequences and a CR before LF removed; what could still act on a terminal, dropped. */
export function stripTerminalControls(text: string): string {
  return stripVTControlCharacters(text).replace(/\r\n/g, '\n').replace(CONTROL, '');
}

/** The same, with the remaining control characters made visible instead of dropped: for printing. */
export function terminalSafe(text: string): string {
  return stripVTControlCharacters(text).replace(/\r\n/g, '\n').replace(CONTROL, visible);
}

/** Every string in a JSON-like value made terminal safe (a copy; the value is not changed). */
export function terminalSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return terminalSafe(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => terminalSafeDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[terminalSafe(key)] = terminalSafeDeep(item);
    return copy as T;
  }
  return value;
}

/**
 * JSON for a terminal: the same value when parsed (nothing is stripped), with DEL, C1 and bidi
 * controls, which JSON.stringify leaves raw, written as `\u` escapes.
 */
export function terminalSafeJson(value: unknown, space?: number): string {
  return (JSON.stringify(value, null, space) ?? 'null').replace(JSON_RAW, codeEscape);
}
