/** Lines a messy CLI writes: non-JSON garbage on stdout (some binary) and chatter on stderr. */

const GARBAGE: (() => Buffer)[] = [
  () => Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x80, 0x62, 0x69, 0x6e, 0x61, 0x72, 0x79, 0x00]),
  () => Buffer.from('Warning: experimental feature enabled, output may change'),
  () => Buffer.from('{"type":"assistant","message":{"truncated'),
  () => Buffer.from('\x1b[2K\x1b[1G\x1b[33m... thinking\x1b[0m'),
  () => Buffer.concat([Buffer.from('bad utf8: '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28])]),
  () => Buffer.from('undefined'),
];

/** The i-th garbage line, newline included; never a valid JSON document. */
export function garbageLine(i: number): Buffer {
  const make = GARBAGE[i % GARBAGE.length] as () => Buffer;
  return Buffer.concat([make(), Buffer.from('\n')]);
}

const CHATTER = [
  'debug: loaded settings from project and user scope',
  'debug: tool cache warm',
  'warn: slow response from the model, still waiting',
  'debug: context at 12% of the window',
];

export function stderrLine(i: number, total: number): string {
  return `[troupe-sim-agent] ${CHATTER[i % CHATTER.length]} (${i + 1}/${total})\n`;
}

/**
 * Spreads `count` extra lines over `slots` places (after init, after each chunk): how many
 * go in each slot.
 */
export function spread(count: number, slots: number): number[] {
  const perSlot = new Array<number>(Math.max(slots, 1)).fill(0);
  for (let j = 0; j < count; j++) {
    const slot = Math.min(Math.floor(((j + 0.5) * perSlot.length) / count), perSlot.length - 1);
    perSlot[slot] = (perSlot[slot] ?? 0) + 1;
  }
  return perSlot;
}
