/** Makes a text exactly `size` UTF-8 bytes: cut at a character boundary, or padded. */

export function fitToBytes(text: string, size: number, filler: () => string): string {
  // Collect the pieces and join once: concatenating as it grows copies the text again per piece.
  const parts = [Buffer.from(text)];
  let length = parts[0]!.length;
  while (length < size) {
    const part = Buffer.from(filler());
    parts.push(part);
    length += part.length;
  }
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
  let cut = size;
  // Never split a multi-byte character: back off to the start of the one at the cut.
  while (cut > 0 && cut < bytes.length && ((bytes[cut] as number) & 0xc0) === 0x80) cut--;
  const head = bytes.subarray(0, cut).toString('utf8');
  return head + ' '.repeat(size - cut);
}
