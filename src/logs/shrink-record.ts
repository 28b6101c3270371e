/**
 * Cuts a record too large to send whole down to a byte budget by shortening its longest strings
 * (a tool's output, a huge text block), whatever the record's shape: numbers, keys and structure
 * stay as they are, so the record still reads as what it was.
 */

/** Said of a record that was cut: how large it is in the log. */
export interface TruncationMark {
  /** The record's full size in the log, in bytes. */
  bytes: number;
}

const ELLIPSIS = '…';
const ELLIPSIS_BYTES = Buffer.byteLength(ELLIPSIS);
const ATTEMPTS = 40;

/** Each string value's length in chars and its JSON size in bytes (escapes and UTF-8 included). */
function measureStrings(value: unknown, out: { chars: number; bytes: number }[]): void {
  if (typeof value === 'string') out.push({ chars: value.length, bytes: Buffer.byteLength(JSON.stringify(value)) });
  else if (Array.isArray(value)) for (const item of value) measureStrings(item, out);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) measureStrings(item, out);
}

function cutString(text: string, level: number): string {
  const bytes = Buffer.byteLength(JSON.stringify(text));
  if (bytes <= level) return text;
  // Keep as many chars as fit in `level` bytes at this string's own density.
  let end = Math.max(0, Math.floor(((level - ELLIPSIS_BYTES) * text.length) / bytes));
  // Never split a surrogate pair.
  const code = text.charCodeAt(end - 1);
  if (end > 0 && code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

function cutStrings(value: unknown, level: number): unknown {
  if (typeof value === 'string') return cutString(value, level);
  if (Array.isArray(value)) return value.map((item) => cutStrings(item, level));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = cutStrings(item, level);
    return out;
  }
  return value;
}

/** The highest level with `fixed + sum(min(bytes, level)) <= budget`, by bisection. */
function levelFor(sizes: readonly number[], fixed: number, budget: number): number {
  let low = 0;
  let high = sizes.reduce((max, size) => Math.max(max, size), 0);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    let sum = fixed;
    for (const size of sizes) sum += Math.min(size, mid);
    if (sum <= budget) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The value with its longest strings cut (each ends in '…') so that its JSON is at most
 * `maxBytes`, and that size; null when cutting strings cannot make it fit.
 * `fullBytes` is the value's JSON size, known to the caller from the line it was read from.
 */
export function shrinkRecord<T>(value: T, maxBytes: number, fullBytes: number): { value: T; bytes: number } | null {
  const strings: { chars: number; bytes: number }[] = [];
  measureStrings(value, strings);
  const sizes = strings.map((s) => s.bytes);
  // What is not string content: keys, numbers, punctuation.
  const fixed = Math.max(0, fullBytes - sizes.reduce((sum, size) => sum + size, 0));
  let level = levelFor(sizes, fixed, maxBytes);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const cut = cutStrings(value, level) as T;
    const bytes = Buffer.byteLength(JSON.stringify(cut));
    if (bytes <= maxBytes) return { value: cut, bytes };
    if (level === 0) return null;
    level = Math.floor(level * 0.75);
  }
  return null;
}
