/** Splits a block's text into a few stream deltas at word boundaries, as an API stream would. */

export function splitDeltas(text: string, pieces: number): string[] {
  if (pieces <= 1 || text.length < pieces * 4) return [text];
  const out: string[] = [];
  let start = 0;
  for (let k = 1; k < pieces; k++) {
    let cut = Math.round((text.length * k) / pieces);
    const space = text.indexOf(' ', cut);
    if (space !== -1 && space - cut < 12) cut = space + 1;
    if (cut <= start || cut >= text.length) continue;
    out.push(text.slice(start, cut));
    start = cut;
  }
  out.push(text.slice(start));
  return out;
}
