/**
 * A value inside a message, quoted one way everywhere: a string in JSON's double quotes, so quotes,
 * newlines and control characters inside it show as escapes, cut inside the quotes when long;
 * anything else as JSON (a number bare, an object as written).
 */
export function quoted(value: unknown, max = 80): string {
  const cut = (text: string) => (text.length > max ? `${text.slice(0, max)}…` : text);
  if (typeof value === 'string') return JSON.stringify(cut(value));
  return cut(JSON.stringify(value) ?? String(value));
}

/**
 * commander's own messages quote with single quotes (`unknown option '--x'`, `argument 'abc' is
 * invalid`): the same spans in troupe's quotes, and troupe's prefix instead of `error:`.
 */
export function inTroupeQuotes(message: string): string {
  return message.replace(/^error: /, 'troupe: ').replace(/'([^'\n]*)'/g, (_, inner: string) => quoted(inner, 200));
}
