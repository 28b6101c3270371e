/** Makes a text exactly `size` UTF-8 bytes: cut at a character boundary, or padded. */

export function fitToBytes(text: string, size: number, filler: () => string): string {
  let bytes = Buffer.from(text);
  while (bytes.length < size) bytes = Buffer.concat([bytes, Buffer.from(filler())]);
  let cut = size;
  // Never split a multi-byte character: back off to the start of the one at the cut.
  while (cut > 0 && cut < bytes.length && ((bytes[cut] as number) & 0xc0) === 0x80) cut--;
  const head = bytes.subarray(0, cut).toString('utf8');
  return head + ' '.repeat(size - cut);
}
